using System.Text;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Functions;
using DurableMcp.FunctionApp.Mcp;
using DurableMcp.Tasks.Durable;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DurableMcp.Functions.Tests;

/// <summary>
/// The HTTP function the Functions host calls: it runs the request, as ASP.NET Core hands it over, through the MCP
/// endpoint that <c>MapMcp</c> builds (a change in how the SDK builds its endpoints breaks these), with the invocation's
/// Durable client.
/// </summary>
public sealed class McpHttpFunctionTests : IDisposable
{
    private const string Meta = """
        "_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{"extensions":{"io.modelcontextprotocol/tasks":{}}}}
        """;

    private readonly IHost _host;
    private readonly McpHttpFunctions _function;

    public McpHttpFunctionTests()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, EnvironmentName = "Development" });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Identity:Mode"] = "Anonymous" });
        builder.Services.AddDurableMcpServer(builder.Configuration);
        builder.Services.AddMcpRequestPipeline();
        _host = builder.Build();
        _function = new McpHttpFunctions(_host.Services.GetRequiredService<McpRequestPipeline>());
    }

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Mcp_ServerDiscover_AdvertisesTheTasksExtension()
    {
        var (status, body) = await PostAsync("server/discover", null, Request(1, "server/discover", ""), new RecordingDurableClient());

        Assert.Equal(StatusCodes.Status200OK, status);
        Assert.NotNull(Message(body)["result"]?["capabilities"]?["extensions"]?["io.modelcontextprotocol/tasks"]);
    }

    [Fact]
    public async Task Mcp_TasksGet_ReadsThroughTheInvocationsDurableClient()
    {
        var client = new RecordingDurableClient();
        var taskId = TaskIds.New();

        var (_, body) = await PostAsync("tasks/get", taskId, Request(2, "tasks/get", $"\"taskId\":\"{taskId}\","), client);

        Assert.Equal([taskId], client.InstancesRead);
        Assert.Equal(-32602, Message(body)["error"]?["code"]?.GetValue<int>());
    }

    [Fact]
    public async Task Mcp_ToolsList_ListsTheDurableTools()
    {
        var (_, body) = await PostAsync("tools/list", null, Request(3, "tools/list", ""), new RecordingDurableClient());

        var names = Message(body)["result"]!["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("classify_documents", names);
        Assert.Contains("run_steps", names);
    }

    private async Task<(int Status, string Body)> PostAsync(string method, string? name, string json, RecordingDurableClient client)
    {
        await using var scope = _host.Services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = "POST";
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("localhost");
        context.Request.Path = McpServerComposition.Endpoint;
        context.Request.ContentType = "application/json";
        context.Request.Headers.Accept = "application/json, text/event-stream";
        context.Request.Headers["MCP-Protocol-Version"] = "2026-07-28";
        context.Request.Headers["Mcp-Method"] = method;
        if (name is not null)
        {
            context.Request.Headers["Mcp-Name"] = name;
        }

        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        using var response = new MemoryStream();
        context.Response.Body = response;

        await _function.McpAsync(context.Request, client);

        return (context.Response.StatusCode, Encoding.UTF8.GetString(response.ToArray()));
    }

    /// <summary>A 2026-07-28 request whose params are <paramref name="parameters"/> (ending in a comma, or empty) and the per-request _meta.</summary>
    private static string Request(int id, string method, string parameters) =>
        $"{{\"jsonrpc\":\"2.0\",\"id\":{id},\"method\":\"{method}\",\"params\":{{{parameters}{Meta}}}}}";

    /// <summary>The JSON-RPC message of a response body (plain JSON or the single SSE <c>data:</c> event).</summary>
    private static JsonNode Message(string body)
    {
        var data = body.Split('\n').FirstOrDefault(l => l.StartsWith("data:", StringComparison.Ordinal));
        return JsonNode.Parse(data is null ? body : data["data:".Length..])
            ?? throw new Xunit.Sdk.XunitException($"No JSON-RPC message in: {body}");
    }
}
