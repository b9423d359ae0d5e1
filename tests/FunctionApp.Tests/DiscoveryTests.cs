using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>What a client learns before it calls anything: discovery, the tool list, and the older initialize handshake.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DiscoveryTests(AzuriteFixture azurite, ServerProcessFixture shared) : IClassFixture<ServerProcessFixture>
{
    private static readonly string[] ToolNames = ["classify_documents", "classify_text", "evaluate_repositories", "generate_report", "get_document", "run_etl", "run_steps"];

    [Fact]
    public async Task ServerDiscover_July2026Client_AdvertisesTasksExtensionAndVersion()
    {
        using var client = await ClientAsync();

        var response = await client.DiscoverAsync();

        var result = response.RequireResult();
        Assert.Equal("complete", result["resultType"]?.GetValue<string>());
        var versions = result["supportedVersions"]!.AsArray().Select(v => v!.GetValue<string>()).ToList();
        Assert.Contains(McpHttpClient.ProtocolVersion, versions);
        var extensions = result["capabilities"]?["extensions"] as JsonObject;
        Assert.NotNull(extensions);
        Assert.True(extensions.ContainsKey(McpHttpClient.TasksExtension), $"No tasks extension in {result}");
        Assert.Equal(JsonValueKind.Object, extensions[McpHttpClient.TasksExtension]!.GetValueKind());
        Assert.NotNull(result["capabilities"]?["tools"]);
    }

    [Fact]
    public async Task ToolsList_July2026Client_ListsTheToolsWithCleanClassifySchema()
    {
        using var client = await ClientAsync();

        var tools = (await client.ListToolsAsync()).RequireResult()["tools"]!.AsArray();

        Assert.Equal(ToolNames, tools.Select(t => t!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var schema = tools.Single(t => t!["name"]!.GetValue<string>() == "classify_documents")!["inputSchema"]!;
        Assert.Equal("object", schema["type"]?.GetValue<string>());
        var properties = schema["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal);
        Assert.Equal(["answerTimeoutSeconds", "batchSize", "container", "outputName", "prefix", "reviewBelow"], properties);
        Assert.Equal(["container"], schema["required"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.DoesNotContain("context", schema.ToJsonString(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, schema["properties"]!["batchSize"]!["minimum"]!.GetValue<int>());
        Assert.Equal(1000, schema["properties"]!["batchSize"]!["maximum"]!.GetValue<int>());

        var runSteps = tools.Single(t => t!["name"]!.GetValue<string>() == "run_steps")!["inputSchema"]!;
        Assert.Equal(["stepDelayMs", "steps"], runSteps["properties"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task InitializeHandshakeClient_2025_11_25_ListsAndCallsTools()
    {
        using var client = await ClientAsync();

        var initialize = await client.Request2025Async("initialize", new JsonObject
        {
            ["protocolVersion"] = McpHttpClient.InitializeProtocolVersion,
            ["capabilities"] = new JsonObject(),
            ["clientInfo"] = new JsonObject { ["name"] = "functionapp-tests", ["version"] = "1.0" },
        });
        var initialized = await client.Request2025Async("notifications/initialized", notification: true);
        var list = await client.Request2025Async("tools/list");
        var call = await client.Request2025Async("tools/call", new JsonObject
        {
            ["name"] = "classify_text",
            ["arguments"] = new JsonObject { ["text"] = "We were charged twice on the last invoice; please refund the duplicate payment." },
        });
        var durable = await client.Request2025Async("tools/call", new JsonObject
        {
            ["name"] = "run_steps",
            ["arguments"] = new JsonObject { ["steps"] = 2 },
        });

        var init = initialize.RequireResult();
        Assert.Equal(McpHttpClient.InitializeProtocolVersion, init["protocolVersion"]?.GetValue<string>());
        Assert.Equal("durable-mcp-tasks", init["serverInfo"]?["name"]?.GetValue<string>());
        Assert.NotNull(init["capabilities"]?["tools"]);
        Assert.False(initialize.Headers.ContainsKey("Mcp-Session-Id"), "The stateless server must not mint a session.");
        Assert.Equal(HttpStatusCode.Accepted, initialized.StatusCode);
        Assert.Equal(ToolNames, list.RequireResult()["tools"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var classification = JsonNode.Parse(Text(call.RequireResult()))!;
        Assert.Equal("billing", classification["category"]?.GetValue<string>());
        Assert.InRange(classification["confidence"]!.GetValue<double>(), 0.5, 1.0);

        // Without the 2026-07-28 tasks extension an optional durable tool runs inline and answers with its result.
        Assert.Equal("Completed 2 steps.", Text(durable.RequireResult()));
    }

    [Theory]
    [InlineData("GET")]
    [InlineData("DELETE")]
    public async Task NonPostMethods_OnMcpEndpoint_Answer405(string method)
    {
        using var client = await ClientAsync();
        var headers = new Dictionary<string, string> { ["MCP-Protocol-Version"] = McpHttpClient.ProtocolVersion, ["Accept"] = "text/event-stream" };

        var response = await client.SendRawAsync(new HttpMethod(method), body: null, headers);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Headers.GetValueOrDefault("Allow"));
        (await client.DiscoverAsync()).RequireResult();
    }

    private static string Text(JsonObject callToolResult) => callToolResult["content"]![0]!["text"]!.GetValue<string>();

    private async Task<McpHttpClient> ClientAsync() => (await shared.GetAsync(azurite, "discovery")).CreateClient();
}
