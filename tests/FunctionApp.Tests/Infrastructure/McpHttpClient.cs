using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// A deliberately small MCP client for tests: builds 2026-07-28 requests by hand (headers, <c>_meta</c> with the
/// client capabilities of this one request), sends raw bodies for bad-input tests, and reads the JSON-RPC message out
/// of an SSE or plain JSON answer. No SDK client, so the tests see exactly what goes over the wire.
/// </summary>
internal sealed class McpHttpClient(Uri endpoint, Func<string>? serverOutput = null) : IDisposable
{
    public const string ProtocolVersion = "2026-07-28";
    public const string InitializeProtocolVersion = "2025-11-25";
    public const string TasksExtension = "io.modelcontextprotocol/tasks";
    private const string Accept = "application/json, text/event-stream";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private int _nextId;

    public Uri Endpoint { get; } = endpoint;

    /// <summary>Headers sent with every request unless the request sets them itself (for example <c>Authorization</c>, <c>Origin</c>).</summary>
    public Dictionary<string, string> DefaultHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What the server printed lately, for failure messages.</summary>
    public string ServerOutput => serverOutput?.Invoke() ?? "";

    /// <summary>
    /// A 2026-07-28 request: <c>MCP-Protocol-Version</c>, <c>Mcp-Method</c> and (when given) <c>Mcp-Name</c> headers; the
    /// protocol version and client capabilities in <c>params._meta</c>, with the tasks extension when <paramref name="withTasks"/>.
    /// </summary>
    public Task<McpResponse> RequestAsync(string method, JsonObject? parameters = null, bool withTasks = false, string? name = null, CancellationToken cancellationToken = default) =>
        RequestAsync(method, parameters, Capabilities(withTasks), name, cancellationToken);

    /// <summary>A 2026-07-28 request (as above) declaring exactly <paramref name="clientCapabilities"/> for this one request.</summary>
    public Task<McpResponse> RequestAsync(string method, JsonObject? parameters, JsonObject clientCapabilities, string? name, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = Interlocked.Increment(ref _nextId),
            ["method"] = method,
            ["params"] = WithMeta(parameters, clientCapabilities),
        };
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["MCP-Protocol-Version"] = ProtocolVersion,
            ["Mcp-Method"] = method,
        };
        if (name is not null)
        {
            headers["Mcp-Name"] = name;
        }

        return SendRawAsync(HttpMethod.Post, body.ToJsonString(), headers, cancellationToken: cancellationToken);
    }

    public Task<McpResponse> DiscoverAsync(CancellationToken cancellationToken = default) =>
        RequestAsync("server/discover", cancellationToken: cancellationToken);

    public Task<McpResponse> ListToolsAsync(CancellationToken cancellationToken = default) =>
        RequestAsync("tools/list", cancellationToken: cancellationToken);

    public Task<McpResponse> CallToolAsync(string tool, JsonObject? arguments, bool withTasks, CancellationToken cancellationToken = default) =>
        RequestAsync("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments ?? [] }, withTasks, tool, cancellationToken);

    public Task<McpResponse> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        RequestAsync("tasks/get", new JsonObject { ["taskId"] = taskId }, withTasks: true, taskId, cancellationToken);

    public Task<McpResponse> CancelTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        RequestAsync("tasks/cancel", new JsonObject { ["taskId"] = taskId }, withTasks: true, taskId, cancellationToken);

    /// <summary><c>tasks/update</c>: answers to the task's questions, by key (each an <c>ElicitResult</c>).</summary>
    public Task<McpResponse> UpdateTaskAsync(string taskId, JsonObject inputResponses, CancellationToken cancellationToken = default) =>
        RequestAsync("tasks/update", new JsonObject { ["taskId"] = taskId, ["inputResponses"] = inputResponses.DeepClone() }, withTasks: true, taskId, cancellationToken);

    /// <summary>
    /// The client capabilities of one request: the tasks extension when <paramref name="withTasks"/>, form elicitation when
    /// <paramref name="withElicitation"/> (what a client that can show the user a question declares).
    /// </summary>
    public static JsonObject Capabilities(bool withTasks, bool withElicitation = false)
    {
        var capabilities = new JsonObject();
        if (withTasks)
        {
            capabilities["extensions"] = new JsonObject { [TasksExtension] = new JsonObject() };
        }

        if (withElicitation)
        {
            capabilities["elicitation"] = new JsonObject { ["form"] = new JsonObject() };
        }

        return capabilities;
    }

    /// <summary>
    /// A request as a client of the <c>initialize</c> handshake sends it: no <c>_meta</c>, no <c>Mcp-Method</c>; the
    /// negotiated version in <c>MCP-Protocol-Version</c> (left out for <c>initialize</c> itself, as clients do).
    /// </summary>
    public Task<McpResponse> InitializeStyleRequestAsync(string method, JsonObject? parameters = null, bool notification = false, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject { ["jsonrpc"] = "2.0" };
        if (!notification)
        {
            body["id"] = Interlocked.Increment(ref _nextId);
        }

        body["method"] = method;
        if (parameters is not null)
        {
            body["params"] = parameters;
        }

        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (method != "initialize")
        {
            headers["MCP-Protocol-Version"] = InitializeProtocolVersion;
        }

        return SendRawAsync(HttpMethod.Post, body.ToJsonString(), headers, cancellationToken: cancellationToken);
    }

    /// <summary>Sends exactly this body and these headers (plus <c>Accept</c> unless given) and parses whatever comes back.</summary>
    public async Task<McpResponse> SendRawAsync(HttpMethod method, string? body, IReadOnlyDictionary<string, string>? headers = null, string contentType = "application/json", CancellationToken cancellationToken = default)
    {
        using var request = new HttpRequestMessage(method, Endpoint);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        }

        var sent = headers ?? new Dictionary<string, string>();
        if (!sent.ContainsKey("Accept"))
        {
            request.Headers.TryAddWithoutValidation("Accept", Accept);
        }

        foreach (var (header, value) in sent)
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        foreach (var (header, value) in DefaultHeaders.Where(h => !sent.ContainsKey(h.Key)))
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var type = response.Content.Headers.ContentType?.MediaType;
        var responseHeaders = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new McpResponse(response.StatusCode, type, text, ParseMessage(type, text), responseHeaders);
    }

    /// <summary>Polls <c>tasks/get</c> until <paramref name="until"/> accepts the result; fails with the last answer and the server's output.</summary>
    public async Task<JsonObject> WaitForTaskAsync(string taskId, Func<JsonObject, bool> until, TimeSpan timeout, string waitingFor, CancellationToken cancellationToken = default)
    {
        try
        {
            var last = await Poll.UntilAsync(
                () => GetTaskAsync(taskId, cancellationToken),
                response => response.Result is JsonObject result && until(result),
                timeout,
                $"task {taskId}: {waitingFor}");
            return last.RequireResult();
        }
        catch (Xunit.Sdk.XunitException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message}{Environment.NewLine}Server output (latest):{Environment.NewLine}{ServerOutput}");
        }
    }

    /// <summary>Polls until the task is in a terminal state and returns it.</summary>
    public Task<JsonObject> WaitForTerminalAsync(string taskId, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForTaskAsync(taskId, r => r["status"]?.GetValue<string>() is "completed" or "failed" or "cancelled", timeout, "a terminal status", cancellationToken);

    /// <summary>Polls until the task asks for input (<c>input_required</c>) and returns it.</summary>
    public Task<JsonObject> WaitForInputRequiredAsync(string taskId, TimeSpan timeout, CancellationToken cancellationToken = default) =>
        WaitForTaskAsync(taskId, r => r["status"]?.GetValue<string>() == "input_required", timeout, "status input_required", cancellationToken);

    public void Dispose() => _http.Dispose();

    private static JsonObject WithMeta(JsonObject? parameters, JsonObject capabilities)
    {
        var result = parameters is null ? [] : (JsonObject)parameters.DeepClone();
        result["_meta"] = new JsonObject
        {
            ["io.modelcontextprotocol/protocolVersion"] = ProtocolVersion,
            ["io.modelcontextprotocol/clientCapabilities"] = capabilities.DeepClone(),
        };
        return result;
    }

    /// <summary>The JSON-RPC message of a plain JSON body, or of the SSE event that carries the response.</summary>
    private static JsonObject? ParseMessage(string? mediaType, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (mediaType == "text/event-stream")
        {
            JsonObject? response = null;
            foreach (var data in SseData(text))
            {
                if (TryParse(data) is { } message && (message.ContainsKey("result") || message.ContainsKey("error")))
                {
                    response = message;
                }
            }

            return response;
        }

        return TryParse(text);
    }

    /// <summary>The data of each SSE event (its <c>data:</c> lines joined by newlines).</summary>
    private static IEnumerable<string> SseData(string stream)
    {
        var data = new StringBuilder();
        foreach (var rawLine in stream.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return data.ToString();
                    data.Clear();
                }

                continue;
            }

            if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                if (data.Length > 0)
                {
                    data.Append('\n');
                }

                data.Append(line.AsSpan(5).TrimStart(' '));
            }
        }

        if (data.Length > 0)
        {
            yield return data.ToString();
        }
    }

    private static JsonObject? TryParse(string json)
    {
        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
