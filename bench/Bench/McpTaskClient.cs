using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableMcp.Bench;

/// <summary>
/// The requests the bench times, sent as a 2026-07-28 stateless client sends them: one POST each, the routing headers
/// set (<c>Mcp-Method</c>, <c>Mcp-Name</c>), the protocol version and the Tasks extension declared in the request's
/// <c>_meta</c>, the response read as SSE <c>data:</c> lines. Anonymous, or a caller with a bearer token.
/// </summary>
internal sealed class McpTaskClient(HttpClient http, Uri endpoint, string? bearerToken = null)
{
    private const string ProtocolVersion = "2026-07-28";
    private const string TasksExtension = "io.modelcontextprotocol/tasks";
    private long _nextId;

    /// <summary>Calls a durable tool as a task; returns the task id from the <c>CreateTaskResult</c>.</summary>
    public async Task<string> CallToolAsTaskAsync(string tool, JsonObject arguments, CancellationToken cancellationToken = default)
    {
        var result = await SendAsync("tools/call", tool, new JsonObject { ["name"] = tool, ["arguments"] = arguments, ["_meta"] = Meta() }, cancellationToken);
        return result.TryGetProperty("resultType", out var type) && type.ValueEquals("task") && result.TryGetProperty("taskId", out var taskId)
            ? taskId.GetString()!
            : throw new InvalidOperationException($"tools/call {tool} did not create a task: {result.GetRawText()}");
    }

    /// <summary>Calls a tool; returns the whole result (a <c>CallToolResult</c>, or a <c>CreateTaskResult</c>).</summary>
    public Task<JsonElement> CallToolAsync(string tool, JsonObject arguments, CancellationToken cancellationToken = default) =>
        SendAsync("tools/call", tool, new JsonObject { ["name"] = tool, ["arguments"] = arguments, ["_meta"] = Meta() }, cancellationToken);

    /// <summary>Sends <c>tasks/get</c>; returns the whole result.</summary>
    public Task<JsonElement> GetTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        SendAsync("tasks/get", taskId, new JsonObject { ["taskId"] = taskId, ["_meta"] = Meta() }, cancellationToken);

    /// <summary>Sends <c>tasks/update</c> with one answer.</summary>
    public Task<JsonElement> UpdateTaskAsync(string taskId, string key, JsonObject response, CancellationToken cancellationToken = default) =>
        SendAsync(
            "tasks/update",
            taskId,
            new JsonObject { ["taskId"] = taskId, ["inputResponses"] = new JsonObject { [key] = response }, ["_meta"] = Meta() },
            cancellationToken);

    /// <summary>Sends <c>tasks/cancel</c> (acknowledged with an empty complete result; the task ends <c>cancelled</c>).</summary>
    public Task<JsonElement> CancelTaskAsync(string taskId, CancellationToken cancellationToken = default) =>
        SendAsync("tasks/cancel", taskId, new JsonObject { ["taskId"] = taskId, ["_meta"] = Meta() }, cancellationToken);

    /// <summary>Sends <c>tools/list</c>, which touches no storage: the HTTP and MCP cost alone.</summary>
    public async Task<int> ListToolsAsync(CancellationToken cancellationToken = default)
    {
        var result = await SendAsync("tools/list", null, new JsonObject { ["_meta"] = Meta() }, cancellationToken);
        return result.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array
            ? tools.GetArrayLength()
            : throw new InvalidOperationException($"tools/list answered without tools: {result.GetRawText()}");
    }

    /// <summary>The <c>status</c> of a <c>tasks/get</c> result.</summary>
    public static string StatusOf(JsonElement task) =>
        task.TryGetProperty("status", out var status) ? status.GetString()! : throw new InvalidOperationException($"tasks/get answered without a status: {task.GetRawText()}");

    private static JsonObject Meta() => new()
    {
        ["io.modelcontextprotocol/protocolVersion"] = ProtocolVersion,
        ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject
        {
            ["extensions"] = new JsonObject { [TasksExtension] = new JsonObject() },
        },
    };

    private async Task<JsonElement> SendAsync(string method, string? name, JsonObject parameters, CancellationToken cancellationToken)
    {
        var id = Interlocked.Increment(ref _nextId);
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = parameters };
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        request.Headers.Add("MCP-Protocol-Version", ProtocolVersion);
        request.Headers.Add("Mcp-Method", method);
        if (name is not null)
        {
            request.Headers.Add("Mcp-Name", name);
        }

        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        // Like an MCP client, the call is answered when its response arrives: an SSE stream is read event by event and left
        // at the response (the handler drains the rest, so the connection is reused), not read to its end.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "text/event-stream" || !response.IsSuccessStatusCode)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                throw new McpCallException(method, 429, ErrorCodeIn(text), $"{method} was throttled (HTTP 429): the bench polls faster than the server's poll budget allows. {text}");
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new McpCallException(method, (int)response.StatusCode, ErrorCodeIn(text), $"{method} answered HTTP {(int)response.StatusCode}: {text}");
            }

            return ResultOf(method, id, text, (int)response.StatusCode)
                ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{method} answered without a response to request {id}: {text}"));
        }

        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cancellationToken), Encoding.UTF8);
        var seen = new StringBuilder();
        await foreach (var json in EventsAsync(reader, cancellationToken))
        {
            if (ResultOf(method, id, json, (int)response.StatusCode) is { } result)
            {
                return result;
            }

            seen.AppendLine(json);
        }

        throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"{method} answered without a response to request {id}: {seen}"));
    }

    // The result of the JSON-RPC response to request <id> in <json>; null for another message (a notification).
    private static JsonElement? ResultOf(string method, long id, string json, int status)
    {
        using var message = JsonDocument.Parse(json);
        var root = message.RootElement;
        if (!root.TryGetProperty("id", out var responseId) || responseId.ValueKind != JsonValueKind.Number || responseId.GetInt64() != id)
        {
            return null;
        }

        return root.TryGetProperty("result", out var result)
            ? result.Clone()
            : throw new McpCallException(method, status, CodeOf(root), $"{method} failed: {(root.TryGetProperty("error", out var error) ? error.GetRawText() : json)}");
    }

    private static int? CodeOf(JsonElement message) =>
        message.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
            && error.TryGetProperty("code", out var code) && code.TryGetInt32(out var value)
            ? value
            : null;

    // A refusal's body is one JSON-RPC message (plain JSON); anything else has no code to count.
    private static int? ErrorCodeIn(string body)
    {
        try
        {
            using var message = JsonDocument.Parse(body);
            return message.RootElement.ValueKind == JsonValueKind.Object ? CodeOf(message.RootElement) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // An SSE event's data may span several "data:" lines; events end at a blank line.
    private static async IAsyncEnumerable<string> EventsAsync(StreamReader reader, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    yield return data.ToString();
                    data.Clear();
                }
            }
            else if (line.StartsWith("data:", StringComparison.Ordinal))
            {
                data.Append(line.AsSpan(line.StartsWith("data: ", StringComparison.Ordinal) ? 6 : 5));
            }
        }

        if (data.Length > 0)
        {
            yield return data.ToString();
        }
    }
}
