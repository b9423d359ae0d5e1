using System.Net;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// The server with the conformance fixtures on (<c>Conformance:Enabled</c>), over real HTTP: the SEP-2549 caching hints on
/// every cacheable result, the SEP-2243 <c>Mcp-Param-*</c> header checks, the MRTR fixtures' sealed requestState, the
/// SEP-2164 not-found error and the per-request log level of SEP-2575.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConformanceFixtureTests(AzuriteFixture azurite, ServerProcessFixture shared) : IClassFixture<ServerProcessFixture>
{
    private const string HeaderTool = "test_header_routing";

    [Theory]
    [InlineData("server/discover")]
    [InlineData("tools/list")]
    [InlineData("prompts/list")]
    [InlineData("resources/list")]
    [InlineData("resources/templates/list")]
    public async Task CacheableResult_July2026_CarriesTtlAndScope(string method)
    {
        using var client = await ClientAsync();

        var result = (await client.RequestAsync(method)).RequireResult();

        AssertCachingHints(result, method);
    }

    [Fact]
    public async Task ResourcesRead_July2026_CarriesTtlAndScope()
    {
        using var client = await ClientAsync();

        var result = (await client.RequestAsync("resources/read", new JsonObject { ["uri"] = "test://static-text" }, name: "test://static-text")).RequireResult();

        AssertCachingHints(result, "resources/read");
        Assert.Equal("This is the content of the static text resource.", result["contents"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task InputRequiredResult_IsNotCacheable_HasNoHints()
    {
        using var client = await ClientAsync();

        var result = (await client.RequestAsync("prompts/get", new JsonObject { ["name"] = "test_input_required_result_prompt" }, name: "test_input_required_result_prompt")).RequireResult();

        Assert.Equal("input_required", result["resultType"]?.GetValue<string>());
        Assert.False(result.ContainsKey("ttlMs") || result.ContainsKey("cacheScope"), $"An input_required result carries caching hints: {result}");
    }

    [Fact]
    public async Task ResourcesRead_UnknownUri_InvalidParamsWithUri()
    {
        using var client = await ClientAsync();
        const string uri = "test://no-such-resource";

        var response = await client.RequestAsync("resources/read", new JsonObject { ["uri"] = uri }, name: uri);

        Assert.Equal(-32602, response.RequireErrorCode());
        Assert.Equal(uri, response.Error?["data"]?["uri"]?.GetValue<string>());
    }

    [Fact]
    public async Task HeaderTool_ListedSchema_MarksRegionAsHeader()
    {
        using var client = await ClientAsync();

        var tools = (await client.ListToolsAsync()).RequireResult()["tools"]!.AsArray();

        var schema = tools.Single(t => t!["name"]!.GetValue<string>() == HeaderTool)!["inputSchema"]!;
        Assert.Equal("Region", schema["properties"]?["region"]?["x-mcp-header"]?.GetValue<string>());
    }

    [Theory]
    [InlineData("eu-west", "eu-west")]
    [InlineData("  eu-west  ", "eu-west")]
    [InlineData("=?base64?SGVsbG8=?=", "Hello")]
    [InlineData("SGVsbG8=", "SGVsbG8=")]
    public async Task HeaderTool_HeaderMatchesBody_Runs(string header, string region)
    {
        using var client = await ClientAsync();

        var response = await CallHeaderToolAsync(client, region, header);

        Assert.Equal($"Routed to {region}: q", response.RequireResult()["content"]![0]!["text"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("us-east")]
    [InlineData("=?base64?SGVsbG8?=")]
    [InlineData("=?base64?SGVs!!!bG8=?=")]
    public async Task HeaderTool_HeaderMissingWrongOrBadlyEncoded_Rejected400HeaderMismatch(string? header)
    {
        using var client = await ClientAsync();

        var response = await CallHeaderToolAsync(client, "Hello", header);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(-32020, response.RequireErrorCode());
    }

    [Fact]
    public async Task MultiRound_ThreeRounds_CarriesTheFirstAnswerInRequestState()
    {
        using var client = await ClientAsync();
        const string tool = "test_input_required_result_multi_round";

        var first = (await CallAsync(client, tool)).RequireResult();
        var second = (await CallAsync(client, tool, Accept("step1", "name", "Ada"), first["requestState"]!.GetValue<string>())).RequireResult();
        var third = (await CallAsync(client, tool, Accept("step2", "color", "green"), second["requestState"]!.GetValue<string>())).RequireResult();

        Assert.Equal("input_required", first["resultType"]?.GetValue<string>());
        Assert.True(first["inputRequests"]!.AsObject().ContainsKey("step1"), first.ToJsonString());
        Assert.True(second["inputRequests"]!.AsObject().ContainsKey("step2"), second.ToJsonString());
        Assert.NotEqual(first["requestState"]!.GetValue<string>(), second["requestState"]!.GetValue<string>());
        Assert.Equal("Ada's favorite color is green.", third["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task TamperedState_Retry_InvalidParams()
    {
        using var client = await ClientAsync();
        const string tool = "test_input_required_result_tampered_state";
        var state = (await CallAsync(client, tool)).RequireResult()["requestState"]!.GetValue<string>();

        var tampered = await CallAsync(client, tool, Accept("confirm", "ok", "yes"), state[..^2] + (state[^2] == 'A' ? "B" : "A") + state[^1]);
        var appended = await CallAsync(client, tool, Accept("confirm", "ok", "yes"), state + "-TAMPERED");
        var intact = await CallAsync(client, tool, Accept("confirm", "ok", "yes"), state);

        Assert.Equal(-32602, tampered.RequireErrorCode());
        Assert.Equal(-32602, appended.RequireErrorCode());
        Assert.Equal("complete", intact.RequireResult()["resultType"]?.GetValue<string>());
    }

    [Fact]
    public async Task RequestState_FromAnotherTool_InvalidParams()
    {
        using var client = await ClientAsync();
        var state = (await CallAsync(client, "test_input_required_result_tampered_state")).RequireResult()["requestState"]!.GetValue<string>();

        var response = await CallAsync(client, "test_input_required_result_request_state", Accept("confirm", "ok", "yes"), state);

        Assert.Equal(-32602, response.RequireErrorCode());
    }

    [Fact]
    public async Task LoggingTool_WithoutLogLevel_SendsNoLogMessages()
    {
        using var client = await ClientAsync();

        var response = await SendWithMetaAsync(client, "test_logging_tool", new JsonObject());

        response.RequireResult();
        Assert.DoesNotContain(response.Messages, m => m["method"]?.GetValue<string>() == "notifications/message");
    }

    [Fact]
    public async Task LoggingTool_WithLogLevelInfo_SendsThreeLogMessages()
    {
        using var client = await ClientAsync();

        var response = await SendWithMetaAsync(client, "test_logging_tool", new JsonObject { ["io.modelcontextprotocol/logLevel"] = "info" });

        response.RequireResult();
        Assert.Equal(3, response.Messages.Count(m => m["method"]?.GetValue<string>() == "notifications/message"));
    }

    private static void AssertCachingHints(JsonObject result, string method)
    {
        Assert.True(result["ttlMs"] is JsonValue ttl && ttl.TryGetValue<long>(out var ms) && ms >= 0, $"{method}: no non-negative integer ttlMs in {result.ToJsonString()}");
        Assert.Contains(result["cacheScope"]?.GetValue<string>(), (string[])["public", "private"]);
    }

    private static JsonObject Accept(string key, string property, string value) =>
        new() { [key] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { [property] = value } } };

    private static Task<McpResponse> CallAsync(McpHttpClient client, string tool, JsonObject? inputResponses = null, string? requestState = null)
    {
        var parameters = new JsonObject { ["name"] = tool, ["arguments"] = new JsonObject() };
        if (inputResponses is not null)
        {
            parameters["inputResponses"] = inputResponses;
        }

        if (requestState is not null)
        {
            parameters["requestState"] = requestState;
        }

        return client.RequestAsync("tools/call", parameters, McpHttpClient.Capabilities(withTasks: false, withElicitation: true), tool);
    }

    private static Task<McpResponse> CallHeaderToolAsync(McpHttpClient client, string region, string? header)
    {
        var body = Body("tools/call", new JsonObject { ["name"] = HeaderTool, ["arguments"] = new JsonObject { ["region"] = region, ["query"] = "q" } }, new JsonObject());
        var headers = Headers("tools/call", HeaderTool);
        if (header is not null)
        {
            headers["Mcp-Param-Region"] = header;
        }

        return client.SendRawAsync(HttpMethod.Post, body, headers);
    }

    private static Task<McpResponse> SendWithMetaAsync(McpHttpClient client, string tool, JsonObject extraMeta) =>
        client.SendRawAsync(HttpMethod.Post, Body("tools/call", new JsonObject { ["name"] = tool, ["arguments"] = new JsonObject() }, extraMeta), Headers("tools/call", tool));

    private static string Body(string method, JsonObject parameters, JsonObject extraMeta)
    {
        var meta = new JsonObject
        {
            ["io.modelcontextprotocol/protocolVersion"] = McpHttpClient.ProtocolVersion,
            ["io.modelcontextprotocol/clientCapabilities"] = new JsonObject(),
        };
        foreach (var (key, value) in extraMeta)
        {
            meta[key] = value?.DeepClone();
        }

        parameters["_meta"] = meta;
        return new JsonObject { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters }.ToJsonString();
    }

    private static Dictionary<string, string> Headers(string method, string name) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["MCP-Protocol-Version"] = McpHttpClient.ProtocolVersion,
        ["Mcp-Method"] = method,
        ["Mcp-Name"] = name,
    };

    private async Task<McpHttpClient> ClientAsync() =>
        (await shared.GetAsync(azurite, "conformance", settings => settings["Conformance__Enabled"] = "true")).CreateClient();
}
