using System.Net;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace DurableMcp.Testing;

/// <summary>
/// One HTTP answer of the MCP endpoint: the status, the headers, the raw body and the JSON-RPC messages in it (an SSE
/// answer may carry server requests before the response).
/// </summary>
public sealed class McpResponse
{
    private readonly Func<string>? _serverOutput;

    /// <summary>An answer as <see cref="McpHttpClient"/> read it.</summary>
    public McpResponse(HttpStatusCode statusCode, string? contentType, string body, IReadOnlyList<JsonObject> messages, IReadOnlyDictionary<string, string> headers, Func<string>? serverOutput = null)
    {
        ArgumentNullException.ThrowIfNull(messages);
        StatusCode = statusCode;
        ContentType = contentType;
        Body = body;
        Messages = messages;
        Headers = headers;
        _serverOutput = serverOutput;
        Message = contentType == "text/event-stream"
            ? messages.LastOrDefault(m => m.ContainsKey("result") || m.ContainsKey("error"))
            : messages.FirstOrDefault();
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>The media type of the body (<c>application/json</c>, <c>text/event-stream</c>), if any.</summary>
    public string? ContentType { get; }

    /// <summary>The body as received.</summary>
    public string Body { get; }

    /// <summary>Every JSON-RPC message of the body, in order: one for a JSON body; each SSE event's for a stream.</summary>
    public IReadOnlyList<JsonObject> Messages { get; }

    /// <summary>The JSON-RPC response: the JSON body, or the stream's last message with a result or an error; null when there is none.</summary>
    public JsonObject? Message { get; }

    /// <summary>The response and content headers (values of a repeated header joined by <c>", "</c>).</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The JSON-RPC result, if any.</summary>
    public JsonNode? Result => Message?["result"];

    /// <summary>The JSON-RPC error, if any.</summary>
    public JsonNode? Error => Message?["error"];

    /// <summary>The JSON-RPC error code, if there is an error.</summary>
    public int? ErrorCode => Error?["code"]?.GetValue<int>();

    /// <summary>The JSON-RPC error message, if there is an error.</summary>
    public string? ErrorMessage => Error?["message"]?.GetValue<string>();

    /// <summary>The result; fails the test, showing the whole answer and the server's output, when there is none.</summary>
    public JsonObject RequireResult() =>
        Result as JsonObject ?? throw new XunitException($"Expected a JSON-RPC result, got {this}{ServerOutputSection()}");

    /// <summary>The error code; fails the test, showing the whole answer and the server's output, when there is no error.</summary>
    public int RequireErrorCode() =>
        ErrorCode ?? throw new XunitException($"Expected a JSON-RPC error, got {this}{ServerOutputSection()}");

    /// <summary>The status, content type and (the start of) the body.</summary>
    public override string ToString() =>
        $"HTTP {(int)StatusCode} ({ContentType ?? "no content type"}): {(Body.Length <= 2000 ? Body : Body[..2000] + "…")}";

    private string ServerOutputSection() =>
        _serverOutput?.Invoke() is { Length: > 0 } output ? $"{Environment.NewLine}Server output (latest):{Environment.NewLine}{output}" : "";
}
