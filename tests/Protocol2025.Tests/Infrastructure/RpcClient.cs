using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace DurableMcp.Protocol2025.Tests.Infrastructure;

/// <summary>
/// Raw JSON-RPC over Streamable HTTP as a 2025-11-25 (initialize-based) client speaks it, or as a 2026-07-28 one with
/// the tasks extension. A response's messages are its SSE <c>data:</c> lines (or the JSON body).
/// </summary>
internal sealed class RpcClient(Uri endpoint, string? token, Func<string>? serverOutput = null) : IDisposable
{
    public const string July2026 = "2026-07-28";
    public const string November2025 = "2025-11-25";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private int _nextId;

    public Task<RpcResponse> InitializeAsync() =>
        SendAsync("initialize", new JsonObject
        {
            ["protocolVersion"] = November2025,
            ["capabilities"] = new JsonObject { ["elicitation"] = new JsonObject() },
            ["clientInfo"] = new JsonObject { ["name"] = "protocol2025-tests", ["version"] = "1.0.0" },
        }, protocolVersion: null);

    /// <summary>A request in the given revision (2025 by default; null sends no MCP-Protocol-Version, as on initialize).</summary>
    public async Task<RpcResponse> SendAsync(string method, JsonObject? parameters, string? protocolVersion = November2025, string? name = null)
    {
        if (protocolVersion == July2026)
        {
            parameters ??= [];
            parameters["_meta"] = new JsonObject
            {
                ["io.modelcontextprotocol/protocolVersion"] = July2026,
                ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject { ["extensions"] = new JsonObject { ["io.modelcontextprotocol/tasks"] = new JsonObject() } },
            };
        }

        var message = new JsonObject { ["jsonrpc"] = "2.0", ["id"] = Interlocked.Increment(ref _nextId), ["method"] = method };
        if (parameters is not null)
        {
            message["params"] = parameters;
        }

        using var request = Create(message, protocolVersion);
        if (protocolVersion == July2026)
        {
            request.Headers.Add("Mcp-Method", method);
            if (name is not null)
            {
                request.Headers.Add("Mcp-Name", name);
            }
        }

        using var response = await _http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var data = body.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => l["data: ".Length..]).ToList();
        var json = data.Count > 0 ? data : [body];
        List<JsonObject> messages;
        try
        {
            messages = json.Select(j => JsonNode.Parse(j)!.AsObject()).ToList();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException)
        {
            throw new Xunit.Sdk.XunitException(
                $"{method}: HTTP {(int)response.StatusCode} with no JSON-RPC message: '{body}'{Environment.NewLine}{serverOutput?.Invoke()}");
        }

        return new RpcResponse(response.StatusCode, messages, serverOutput?.Invoke() ?? "");
    }

    /// <summary>
    /// A 2025 request whose response is read as it streams: returns once the server has sent the response headers (an
    /// SSE response sends them with its first line). The caller disposes the response.
    /// </summary>
    public async Task<HttpResponseMessage> OpenStreamAsync(string method, JsonObject parameters)
    {
        using var request = Create(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = Interlocked.Increment(ref _nextId), ["method"] = method, ["params"] = parameters }, November2025);
        return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
    }

    /// <summary>POSTs a JSON-RPC response (the client's answer to a server request); returns the HTTP status and body.</summary>
    public async Task<(HttpStatusCode Status, string Body)> RespondAsync(JsonNode id, JsonObject result)
    {
        using var request = Create(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id.DeepClone(), ["result"] = result.DeepClone() }, November2025);
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage Create(JsonObject message, string? protocolVersion)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(message.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (protocolVersion is not null)
        {
            request.Headers.Add("MCP-Protocol-Version", protocolVersion);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }
}
