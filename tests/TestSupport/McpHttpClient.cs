using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableMcp.Testing;

/// <summary>
/// A deliberately small MCP client for tests, for both protocol revisions the server speaks: 2026-07-28 requests built
/// by hand (headers, <c>_meta</c> with the client capabilities of this one request), 2025-11-25 requests as a client of
/// the <c>initialize</c> handshake sends them, raw bodies for bad-input tests. It reads the JSON-RPC messages out of an
/// SSE or plain JSON answer. No SDK client, so the tests see exactly what goes over the wire.
/// </summary>
public sealed class McpHttpClient : IDisposable
{
    /// <summary>The revision with per-request <c>_meta</c> and the tasks extension (<c>server/discover</c>, no handshake).</summary>
    public const string ProtocolVersion = "2026-07-28";

    /// <summary>The revision of the <c>initialize</c> handshake, with the experimental 2025 tasks (<c>params.task</c>).</summary>
    public const string InitializeProtocolVersion = "2025-11-25";

    /// <summary>The id of the tasks extension, in client and server capabilities.</summary>
    public const string TasksExtension = "io.modelcontextprotocol/tasks";

    private const string Accept = "application/json, text/event-stream";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };

    // Held streams end when the server or the test says so, not at a client timeout.
    private readonly HttpClient _streams = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly Func<string>? _serverOutput;
    private int _nextId;

    /// <summary>A client of <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The MCP endpoint (<c>…/mcp</c>).</param>
    /// <param name="bearerToken">When given, sent as <c>Authorization: Bearer …</c> with every request (a <see cref="DefaultHeaders"/> entry).</param>
    /// <param name="serverOutput">What the server printed lately, shown in failure messages.</param>
    public McpHttpClient(Uri endpoint, string? bearerToken = null, Func<string>? serverOutput = null)
    {
        Endpoint = endpoint;
        _serverOutput = serverOutput;
        if (bearerToken is not null)
        {
            DefaultHeaders["Authorization"] = "Bearer " + bearerToken;
        }
    }

    /// <summary>The MCP endpoint every request goes to.</summary>
    public Uri Endpoint { get; }

    /// <summary>Headers sent with every request unless the request sets them itself (for example <c>Authorization</c>, <c>Origin</c>).</summary>
    public Dictionary<string, string> DefaultHeaders { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>What the server printed lately, for failure messages.</summary>
    public string ServerOutput => _serverOutput?.Invoke() ?? "";

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

    /// <summary><c>server/discover</c> (2026-07-28): the server's versions, capabilities and extensions.</summary>
    public Task<McpResponse> DiscoverAsync(CancellationToken cancellationToken = default) =>
        RequestAsync("server/discover", cancellationToken: cancellationToken);

    /// <summary><c>tools/list</c> (2026-07-28).</summary>
    public Task<McpResponse> ListToolsAsync(CancellationToken cancellationToken = default) =>
        RequestAsync("tools/list", cancellationToken: cancellationToken);

    /// <summary><c>tools/call</c> (2026-07-28) of <paramref name="tool"/>; with the tasks extension when <paramref name="withTasks"/>, so the server may answer with a task.</summary>
    public Task<McpResponse> CallToolAsync(string tool, JsonObject? arguments, bool withTasks, CancellationToken cancellationToken = default) =>
        RequestAsync("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments ?? [] }, withTasks, tool, cancellationToken);

    /// <summary><c>tasks/get</c> (2026-07-28, tasks extension): the task with its result or its questions.</summary>
    public Task<McpResponse> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        RequestAsync("tasks/get", new JsonObject { ["taskId"] = taskId }, withTasks: true, taskId, cancellationToken);

    /// <summary><c>tasks/cancel</c> (2026-07-28, tasks extension).</summary>
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
    /// The 2025-11-25 handshake's first request: <c>initialize</c> with <paramref name="capabilities"/> (form elicitation
    /// when not given, as a client that can show the user a question declares) and this client's info.
    /// </summary>
    public Task<McpResponse> InitializeAsync(JsonObject? capabilities = null, CancellationToken cancellationToken = default) =>
        Request2025Async(
            "initialize",
            new JsonObject
            {
                ["protocolVersion"] = InitializeProtocolVersion,
                ["capabilities"] = capabilities?.DeepClone() ?? new JsonObject { ["elicitation"] = new JsonObject() },
                ["clientInfo"] = new JsonObject { ["name"] = "durable-mcp-tests", ["version"] = "1.0.0" },
            },
            cancellationToken: cancellationToken);

    /// <summary>
    /// A 2025-11-25 request, as a client of the <c>initialize</c> handshake sends it: no <c>_meta</c>, no <c>Mcp-Method</c>;
    /// the negotiated version in <c>MCP-Protocol-Version</c> (left out for <c>initialize</c> itself, as clients do). A
    /// <paramref name="notification"/> has no id.
    /// </summary>
    public Task<McpResponse> Request2025Async(string method, JsonObject? parameters = null, bool notification = false, CancellationToken cancellationToken = default) =>
        SendRawAsync(HttpMethod.Post, Message2025(method, parameters, notification).ToJsonString(), Headers2025(method), cancellationToken: cancellationToken);

    /// <summary>
    /// A 2025-11-25 request whose answer is read as it streams: returns once the server has sent the response headers (an
    /// SSE response sends them with its first line). The caller disposes the response.
    /// </summary>
    public async Task<HttpResponseMessage> OpenStream2025Async(string method, JsonObject? parameters, CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(HttpMethod.Post, Message2025(method, parameters, notification: false).ToJsonString(), Headers2025(method), "application/json");
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>
    /// A 2026-07-28 request (as <see cref="RequestAsync(string, JsonObject?, JsonObject, string?, CancellationToken)"/>)
    /// whose SSE answer is read as it arrives; returns once the response headers are in. The request's JSON-RPC id is
    /// <paramref name="id"/> when given. <paramref name="headers"/> are added to the request's own.
    /// </summary>
    public async Task<McpEventStream> OpenStreamAsync(
        string method, JsonObject? parameters, JsonObject clientCapabilities, JsonNode? id = null, IReadOnlyDictionary<string, string>? headers = null, CancellationToken cancellationToken = default)
    {
        var body = new JsonObject
        {
            ["jsonrpc"] = "2.0",
            ["id"] = id?.DeepClone() ?? Interlocked.Increment(ref _nextId),
            ["method"] = method,
            ["params"] = WithMeta(parameters, clientCapabilities),
        };
        var sent = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["MCP-Protocol-Version"] = ProtocolVersion,
            ["Mcp-Method"] = method,
        };
        foreach (var (header, value) in headers ?? new Dictionary<string, string>())
        {
            sent[header] = value;
        }

        using var request = CreateRequest(HttpMethod.Post, body.ToJsonString(), sent, "application/json");
        var response = await _streams.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        try
        {
            return new McpEventStream(response, await response.Content.ReadAsStreamAsync(cancellationToken), _serverOutput);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    /// <summary>
    /// POSTs a JSON-RPC response in 2025-11-25: the client's <paramref name="result"/> for the server request
    /// <paramref name="id"/> (an elicitation carried on a <c>tasks/result</c> stream).
    /// </summary>
    public Task<McpResponse> Respond2025Async(JsonNode id, JsonObject result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(result);
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result.DeepClone() };
        return SendRawAsync(HttpMethod.Post, body.ToJsonString(), Headers2025(method: null), cancellationToken: cancellationToken);
    }

    /// <summary>
    /// Sends exactly this body and these headers (plus <c>Accept</c> unless given, and <see cref="DefaultHeaders"/>) and
    /// parses whatever comes back. An empty <c>Accept</c> sends none; a null <paramref name="contentType"/> sends the body
    /// without a <c>Content-Type</c>.
    /// </summary>
    public async Task<McpResponse> SendRawAsync(HttpMethod method, string? body, IReadOnlyDictionary<string, string>? headers = null, string? contentType = "application/json", CancellationToken cancellationToken = default)
    {
        using var request = CreateRequest(method, body, headers, contentType);
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var type = response.Content.Headers.ContentType?.MediaType;
        var responseHeaders = response.Headers.Concat(response.Content.Headers)
            .ToDictionary(h => h.Key, h => string.Join(", ", h.Value), StringComparer.OrdinalIgnoreCase);
        return new McpResponse(response.StatusCode, type, text, ParseMessages(type, text), responseHeaders, _serverOutput);
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

    /// <summary>Releases the HTTP connection pool.</summary>
    public void Dispose()
    {
        _http.Dispose();
        _streams.Dispose();
    }

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

    private JsonObject Message2025(string method, JsonObject? parameters, bool notification)
    {
        var message = new JsonObject { ["jsonrpc"] = "2.0" };
        if (!notification)
        {
            message["id"] = Interlocked.Increment(ref _nextId);
        }

        message["method"] = method;
        if (parameters is not null)
        {
            message["params"] = parameters.DeepClone();
        }

        return message;
    }

    private static Dictionary<string, string> Headers2025(string? method)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (method != "initialize")
        {
            headers["MCP-Protocol-Version"] = InitializeProtocolVersion;
        }

        return headers;
    }

    private HttpRequestMessage CreateRequest(HttpMethod method, string? body, IReadOnlyDictionary<string, string>? headers, string? contentType)
    {
        var request = new HttpRequestMessage(method, Endpoint);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = null;
            if (contentType is not null)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            }
        }

        var sent = headers ?? new Dictionary<string, string>();
        if (!sent.ContainsKey("Accept"))
        {
            request.Headers.TryAddWithoutValidation("Accept", Accept);
        }

        foreach (var (header, value) in sent.Where(h => !(h.Key.Equals("Accept", StringComparison.OrdinalIgnoreCase) && h.Value.Length == 0)))
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        foreach (var (header, value) in DefaultHeaders.Where(h => !sent.ContainsKey(h.Key)))
        {
            request.Headers.TryAddWithoutValidation(header, value);
        }

        return request;
    }

    /// <summary>The JSON-RPC messages of a plain JSON body (one), or of each SSE event (server requests, then the response).</summary>
    private static List<JsonObject> ParseMessages(string? mediaType, string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        IEnumerable<string> json = mediaType == "text/event-stream" ? SseData(text) : [text];
        return json.Select(TryParse).OfType<JsonObject>().ToList();
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
