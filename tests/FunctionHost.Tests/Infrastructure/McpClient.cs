using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>
/// A small MCP client over a given HTTP handler (the emulated host's front end): 2026-07-28 requests with the tasks
/// extension declared per request, answers read from SSE <c>data:</c> lines or plain JSON.
/// </summary>
internal sealed class McpClient(HttpMessageHandler frontEnd) : IDisposable
{
    public const string ProtocolVersion = "2026-07-28";
    private const string TasksExtension = "io.modelcontextprotocol/tasks";

    private readonly HttpClient _http = new(frontEnd, disposeHandler: false) { BaseAddress = new Uri("http://localhost:7071"), Timeout = TimeSpan.FromSeconds(30) };
    private int _nextId;

    public async Task<(HttpStatusCode Status, JsonObject? Message)> RequestAsync(string method, JsonObject? parameters = null, string? name = null, CancellationToken cancellationToken = default)
    {
        var withMeta = parameters is null ? [] : (JsonObject)parameters.DeepClone();
        withMeta["_meta"] = new JsonObject
        {
            ["io.modelcontextprotocol/protocolVersion"] = ProtocolVersion,
            ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject { ["extensions"] = new JsonObject { [TasksExtension] = new JsonObject() } },
        };
        var body = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = Interlocked.Increment(ref _nextId), ["method"] = method, ["params"] = withMeta };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/mcp") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Accept", "application/json, text/event-stream");
        request.Headers.TryAddWithoutValidation("MCP-Protocol-Version", ProtocolVersion);
        request.Headers.TryAddWithoutValidation("Mcp-Method", method);
        if (name is not null)
        {
            request.Headers.TryAddWithoutValidation("Mcp-Name", name);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var json = response.Content.Headers.ContentType?.MediaType == "text/event-stream"
            ? text.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l[5..].Trim()).LastOrDefault(l => l.Length > 0)
            : text;
        return (response.StatusCode, json is { Length: > 0 } ? JsonNode.Parse(json) as JsonObject : null);
    }

    /// <summary>Calls a durable tool as a task and returns the task id.</summary>
    public async Task<string> StartTaskAsync(string tool, JsonObject arguments)
    {
        var (status, message) = await RequestAsync("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = arguments }, tool);
        return message?["result"]?["taskId"]?.GetValue<string>()
            ?? throw new InvalidOperationException($"tools/call {tool} did not answer with a task ({(int)status}): {message?.ToJsonString()}");
    }

    public async Task<JsonObject> GetTaskAsync(string taskId)
    {
        var (status, message) = await RequestAsync("tasks/get", new JsonObject { ["taskId"] = taskId }, taskId);
        return message?["result"]?.AsObject() ?? throw new InvalidOperationException($"tasks/get {taskId} failed ({(int)status}): {message?.ToJsonString()}");
    }

    public async Task<string> StatusAsync(string taskId) => (await GetTaskAsync(taskId))["status"]!.GetValue<string>();

    public void Dispose() => _http.Dispose();
}
