using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace DurableMcp.Testing;

/// <summary>
/// An SSE answer read as it arrives: each JSON-RPC message as soon as its event is complete, and the comment lines
/// (keep-alives) counted. For held streams (<c>subscriptions/listen</c>), where reading the whole body would wait for
/// the server to end it. Disposing closes the connection, which is how a client ends such a stream.
/// </summary>
public sealed class McpEventStream : IDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly List<JsonObject> _received = [];
    private readonly Queue<JsonObject> _queued = new();
    private readonly StringBuilder _data = new();
    private readonly Func<string>? _serverOutput;
    private Task<string?>? _pendingLine;

    internal McpEventStream(HttpResponseMessage response, Stream body, Func<string>? serverOutput)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
        _serverOutput = serverOutput;
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode => _response.StatusCode;

    /// <summary>The media type of the body.</summary>
    public string? ContentType => _response.Content.Headers.ContentType?.MediaType;

    /// <summary>Every message read so far, in order.</summary>
    public IReadOnlyList<JsonObject> Received => _received;

    /// <summary>SSE comment lines (<c>: …</c>) read so far.</summary>
    public int Comments { get; private set; }

    /// <summary>True once the server closed the body.</summary>
    public bool Ended { get; private set; }

    /// <summary>
    /// The next JSON-RPC message, or null when the server ended the stream; fails the test when none arrives within
    /// <paramref name="timeout"/>, showing what came so far.
    /// </summary>
    public async Task<JsonObject?> NextAsync(TimeSpan timeout)
    {
        if (_queued.TryDequeue(out var queued))
        {
            return queued;
        }

        if (ContentType != "text/event-stream")
        {
            // A plain JSON answer (an error before the stream started, say): its one message, then the end.
            if (Ended)
            {
                return null;
            }

            Ended = true;
            _data.Append(await _reader.ReadToEndAsync().WaitAsync(timeout));
            return _data.Length > 0 ? Keep() : null;
        }

        using var deadline = new CancellationTokenSource(timeout);
        while (true)
        {
            var (message, ended) = await ReadLineAsync(deadline.Token, timeout);
            if (message is not null || ended)
            {
                return message;
            }
        }
    }

    /// <summary>
    /// Reads on until at least <paramref name="count"/> comment lines (keep-alives) have come in all; messages read on
    /// the way are kept for <see cref="NextAsync"/>. Fails the test after <paramref name="timeout"/> or at the stream's end.
    /// </summary>
    public async Task WaitForCommentsAsync(int count, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Comments < count)
        {
            var (message, ended) = await ReadLineAsync(deadline.Token, timeout);
            if (message is not null)
            {
                _queued.Enqueue(message);
            }

            if (ended)
            {
                throw new XunitException($"The stream ended before {count} comments. So far: {this}");
            }
        }
    }

    /// <summary>Messages until the server ends the stream (each within <paramref name="timeout"/> of the one before).</summary>
    public async Task<IReadOnlyList<JsonObject>> ReadToEndAsync(TimeSpan timeout)
    {
        var messages = new List<JsonObject>();
        while (await NextAsync(timeout) is { } message)
        {
            messages.Add(message);
        }

        return messages;
    }

    /// <summary>What was read so far, for failure messages.</summary>
    public override string ToString() =>
        $"HTTP {(int)StatusCode} ({ContentType}), {Comments} comments, ended: {Ended}, messages:{Environment.NewLine}{string.Join(Environment.NewLine, _received.Select(m => m.ToJsonString()))}";

    /// <summary>Closes the connection.</summary>
    public void Dispose()
    {
        _reader.Dispose();
        _response.Dispose();
    }

    // One line: a message when it completes an event, ended at the end of the body. A read that timed out is kept and
    // awaited again by the next call, so no input is lost.
    private async Task<(JsonObject? Message, bool Ended)> ReadLineAsync(CancellationToken deadline, TimeSpan timeout)
    {
        _pendingLine ??= _reader.ReadLineAsync();
        string? line;
        try
        {
            line = await _pendingLine.WaitAsync(deadline);
            _pendingLine = null;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var output = _serverOutput?.Invoke() is { Length: > 0 } server ? $"{Environment.NewLine}Server output (latest):{Environment.NewLine}{server}" : "";
            throw new XunitException($"No complete message within {timeout.TotalSeconds:0.#} s. So far: {this}{output}");
        }

        if (line is null)
        {
            Ended = true;
            return (_data.Length > 0 ? Keep() : null, true);
        }

        line = line.TrimEnd('\r');
        if (line.Length == 0)
        {
            return (_data.Length > 0 ? Keep() : null, false);
        }

        if (line.StartsWith(':'))
        {
            Comments++;
        }
        else if (line.StartsWith("data:", StringComparison.Ordinal))
        {
            _data.Append(_data.Length > 0 ? "\n" : "").Append(line.AsSpan(5).TrimStart(' '));
        }

        return (null, false);
    }

    private JsonObject? Keep()
    {
        var json = _data.ToString();
        _data.Clear();
        JsonObject? message;
        try
        {
            message = JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            throw new XunitException($"An SSE event that is not JSON: {json}{Environment.NewLine}So far: {this}");
        }

        if (message is not null)
        {
            _received.Add(message);
        }

        return message;
    }
}
