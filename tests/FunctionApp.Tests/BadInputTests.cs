using System.Net;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// Bad requests of every kind get a precise answer (an exact JSON-RPC error code, or an <c>isError</c> tool result that
/// says what is wrong), and the server keeps serving afterwards.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class BadInputTests(AzuriteFixture azurite, ServerProcessFixture shared) : IClassFixture<ServerProcessFixture>
{
    private const int ParseError = -32700;
    private const int InvalidRequest = -32600;
    private const int MethodNotFound = -32601;
    private const int InvalidParams = -32602;
    private const int HeaderMismatch = -32020;

    [Fact]
    public async Task Post_MalformedJson_Http400WithClearMessage()
    {
        using var client = await ClientAsync();
        var headers = July2026Headers("tools/list");

        var response = await client.SendRawAsync(HttpMethod.Post, """{"jsonrpc":"2.0","id":1,"method":"tools/list","params":{""", headers);

        // JSON-RPC says -32700 (parse error); the SDK's HTTP transport answers 400 with -32600 and the parser's reason.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/json", response.ContentType);
        Assert.Contains(response.RequireErrorCode(), new[] { ParseError, InvalidRequest });
        Assert.Contains("did not contain a valid JSON-RPC message", response.ErrorMessage, StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task Post_NotJsonRpcAtAll_Http400()
    {
        using var client = await ClientAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, "hello", July2026Headers("tools/list"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(response.RequireErrorCode(), new[] { ParseError, InvalidRequest });
        await AssertStillServesAsync(client);
    }

    [Theory]
    [InlineData("no/such/method")]
    [InlineData("tasks/list")]
    [InlineData("tasks/result")]
    public async Task Request_MethodNotServed_MethodNotFound(string method)
    {
        using var client = await ClientAsync();
        var name = method.StartsWith("tasks/", StringComparison.Ordinal) ? "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA" : null;
        var parameters = name is null ? null : new JsonObject { ["taskId"] = name };

        var response = await client.RequestAsync(method, parameters, withTasks: true, name);

        Assert.Equal(MethodNotFound, response.RequireErrorCode());
        Assert.Contains(method, response.ErrorMessage, StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task TasksGet_MissingTaskIdWithoutMcpNameHeader_RejectedByHeaderCheck()
    {
        using var client = await ClientAsync();

        var response = await client.RequestAsync("tasks/get", parameters: null, withTasks: true);

        // The 2026-07-28 transport requires Mcp-Name on tasks/get; the SDK rejects the request before the handler.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HeaderMismatch, response.RequireErrorCode());
        Assert.Equal("Missing required Mcp-Name header.", response.ErrorMessage);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task TasksGet_MissingTaskIdWithMcpNameHeader_RejectedAsHeaderMismatch()
    {
        using var client = await ClientAsync();

        var response = await client.RequestAsync("tasks/get", parameters: null, withTasks: true, name: "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HeaderMismatch, response.RequireErrorCode());
        await AssertStillServesAsync(client);
    }

    [Theory]
    [InlineData("tasks/get")]
    [InlineData("tasks/cancel")]
    public async Task TasksRequest_MissingTaskIdWithoutJuly2026Headers_InvalidParams(string method)
    {
        using var client = await ClientAsync();

        // Without the 2026-07-28 headers the request reaches the handler itself, which names what is missing.
        var response = await client.Request2025Async(method, new JsonObject());

        Assert.Equal(InvalidParams, response.RequireErrorCode());
        Assert.Equal($"{method} requires params.taskId (a string).", response.ErrorMessage);
        await AssertStillServesAsync(client);
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("../../etc/passwd")]
    [InlineData("' or PartitionKey ne '")]
    [InlineData("!!!!!!!!!!!!!!!!!!!!!!!!!!!")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData(null)]
    public async Task TasksGetAndCancel_UnknownOrMalformedTaskId_InvalidParams(string? taskId)
    {
        taskId ??= new string('x', 4000);
        using var client = await ClientAsync();

        var get = await client.GetTaskAsync(taskId);
        var cancel = await client.CancelTaskAsync(taskId);

        Assert.Equal(InvalidParams, get.RequireErrorCode());
        Assert.Equal(InvalidParams, cancel.RequireErrorCode());
        Assert.StartsWith("Unknown task '", get.ErrorMessage, StringComparison.Ordinal);
        Assert.True(get.ErrorMessage!.Length < 200, $"The error echoes too much of the id: {get.ErrorMessage.Length} characters.");
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task TasksGet_NumericTaskIdWithoutJuly2026Headers_InvalidParams()
    {
        using var client = await ClientAsync();

        var response = await client.Request2025Async("tasks/get", new JsonObject { ["taskId"] = 12345 });

        Assert.Equal(InvalidParams, response.RequireErrorCode());
        Assert.Equal("params.taskId of tasks/get must be a string, not a number.", response.ErrorMessage);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task TasksGet_NumericTaskIdWithJuly2026Headers_Http400InvalidParamsNamingTheField()
    {
        using var client = await ClientAsync();

        var response = await client.RequestAsync("tasks/get", new JsonObject { ["taskId"] = 12345 }, withTasks: true, name: "12345");

        // The MCP SDK reads params.taskId as a string to match Mcp-Name and throws on a number; the error boundary
        // answers for it, naming the field, and no exception text reaches the caller.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(InvalidParams, response.RequireErrorCode());
        Assert.Equal("params.taskId of tasks/get must be a string, not a number.", response.ErrorMessage);
        Assert.DoesNotContain("Exception", response.Body, StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task ToolsCall_ArgumentsAnArray_InvalidParamsNamingArguments()
    {
        using var client = await ClientAsync();

        var response = await client.RequestAsync(
            "tools/call", new JsonObject { ["name"] = "run_steps", ["arguments"] = new JsonArray(1, 2) }, withTasks: true, name: "run_steps");

        Assert.Equal(InvalidParams, response.RequireErrorCode());
        Assert.Equal("params.arguments of tools/call must be an object holding the tool's arguments by name, not an array.", response.ErrorMessage);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task DurableTool_ContainerNotAContainerName_IsErrorBeforeAnyTask()
    {
        using var client = await ClientAsync();

        var response = await client.CallToolAsync("classify_documents", new JsonObject { ["container"] = "../.." }, withTasks: true);

        var result = response.RequireResult();
        Assert.Null(result["taskId"]);
        Assert.True(result["isError"]!.GetValue<bool>());
        Assert.Equal(
            "Invalid arguments for 'classify_documents': 'container' must be a blob container name: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit. Got \"../..\".",
            TaskAssert.Text(result));
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task ToolsCall_UnknownTool_InvalidParams()
    {
        using var client = await ClientAsync();

        var response = await client.CallToolAsync("no_such_tool", [], withTasks: true);

        Assert.Equal(InvalidParams, response.RequireErrorCode());
        Assert.Equal("Unknown tool: 'no_such_tool'", response.ErrorMessage);
        await AssertStillServesAsync(client);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task DurableTool_WrongArgumentTypes_IsErrorNamingEachParameter(bool withTasks)
    {
        using var client = await ClientAsync();

        var response = await client.CallToolAsync("run_steps", new JsonObject { ["steps"] = "many", ["stepDelayMs"] = -5 }, withTasks);

        // Rejected before any task exists: a plain CallToolResult, never a CreateTaskResult.
        var result = response.RequireResult();
        Assert.Equal("complete", result["resultType"]?.GetValue<string>());
        Assert.Null(result["taskId"]);
        Assert.True(result["isError"]!.GetValue<bool>());
        Assert.Equal(
            "Invalid arguments for 'run_steps': 'steps' must be an integer, but got string \"many\". 'stepDelayMs' must be between 0 and 600000, but got -5.",
            TaskAssert.Text(result));
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task DurableTool_BatchSizeOutOfRangeAndUnknownArgument_IsErrorNamingThem()
    {
        using var client = await ClientAsync();

        var response = await client.CallToolAsync("classify_documents", new JsonObject { ["container"] = "docs", ["batchSize"] = 0, ["colour"] = "red" }, withTasks: true);

        var result = response.RequireResult();
        Assert.True(result["isError"]!.GetValue<bool>());
        var text = TaskAssert.Text(result);
        Assert.Contains("'batchSize' must be between 1 and 1000, but got 0.", text, StringComparison.Ordinal);
        Assert.Contains("'colour' is not a parameter of this tool.", text, StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task DurableTool_MissingRequiredArgument_IsErrorNamingIt()
    {
        using var client = await ClientAsync();

        var response = await client.CallToolAsync("classify_documents", [], withTasks: true);

        var result = response.RequireResult();
        Assert.Null(result["taskId"]);
        Assert.True(result["isError"]!.GetValue<bool>());
        Assert.Equal("Invalid arguments for 'classify_documents': 'container' is required.", TaskAssert.Text(result));
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task PlainTool_WrongArgumentType_IsError()
    {
        using var client = await ClientAsync();

        var response = await client.CallToolAsync("classify_text", new JsonObject { ["text"] = 42 }, withTasks: false);

        // Plain tools are bound by the SDK, whose message does not name the parameter (it hides exception details).
        var result = response.RequireResult();
        Assert.True(result["isError"]!.GetValue<bool>());
        Assert.Equal("An error occurred invoking 'classify_text'.", TaskAssert.Text(result));
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task PlainTool_MissingRequiredArgument_IsError()
    {
        using var client = await ClientAsync();

        var response = await client.CallToolAsync("get_document", new JsonObject { ["container"] = "docs" }, withTasks: false);

        var result = response.RequireResult();
        Assert.True(result["isError"]!.GetValue<bool>());
        Assert.Equal("An error occurred invoking 'get_document'.", TaskAssert.Text(result));
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task GetDocument_MissingBlob_IsErrorSayingSo()
    {
        using var client = await ClientAsync();
        var container = TaskHubs.NewContainer("docs");
        await azurite.CreateBlobServiceClient().GetBlobContainerClient(container).CreateIfNotExistsAsync();

        var missingBlob = await client.CallToolAsync("get_document", new JsonObject { ["container"] = container, ["name"] = "nothing-here.txt" }, withTasks: false);
        var missingContainer = await client.CallToolAsync("get_document", new JsonObject { ["container"] = TaskHubs.NewContainer("nope"), ["name"] = "a.txt" }, withTasks: false);
        var invalidName = await client.CallToolAsync("get_document", new JsonObject { ["container"] = "Not_A_Container!", ["name"] = "a.txt" }, withTasks: false);

        Assert.True(missingBlob.RequireResult()["isError"]!.GetValue<bool>());
        Assert.Equal($"No document 'nothing-here.txt' in container '{container}' (the container or the blob does not exist).", TaskAssert.Text(missingBlob.RequireResult()));
        Assert.True(missingContainer.RequireResult()["isError"]!.GetValue<bool>());
        Assert.True(invalidName.RequireResult()["isError"]!.GetValue<bool>());
        Assert.Contains("is not a valid container name", TaskAssert.Text(invalidName.RequireResult()), StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task Post_WrongMcpMethodHeader_HeaderMismatch()
    {
        using var client = await ClientAsync();
        var body = """{"jsonrpc":"2.0","id":7,"method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""";

        var response = await client.SendRawAsync(HttpMethod.Post, body, July2026Headers("tools/list"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HeaderMismatch, response.RequireErrorCode());
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task Post_July2026HeaderWithoutMetaVersion_InvalidParams()
    {
        using var client = await ClientAsync();

        var response = await client.SendRawAsync(HttpMethod.Post, """{"jsonrpc":"2.0","id":8,"method":"server/discover","params":{}}""", July2026Headers("server/discover"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(InvalidParams, response.RequireErrorCode());
        Assert.Contains("io.modelcontextprotocol/protocolVersion", response.ErrorMessage, StringComparison.Ordinal);
        await AssertStillServesAsync(client);
    }

    [Fact]
    public async Task Post_WithoutEventStreamInAccept_Http406()
    {
        using var client = await ClientAsync();
        var headers = July2026Headers("server/discover");
        headers["Accept"] = "application/json";
        var body = """{"jsonrpc":"2.0","id":9,"method":"server/discover","params":{"_meta":{"io.modelcontextprotocol/protocolVersion":"2026-07-28","io.modelcontextprotocol/clientCapabilities":{}}}}""";

        var response = await client.SendRawAsync(HttpMethod.Post, body, headers);

        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
        await AssertStillServesAsync(client);
    }

    private static Dictionary<string, string> July2026Headers(string method) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["MCP-Protocol-Version"] = McpHttpClient.ProtocolVersion,
        ["Mcp-Method"] = method,
    };

    /// <summary>The server still answers a normal request, and the process is alive.</summary>
    private async Task AssertStillServesAsync(McpHttpClient client)
    {
        var server = await shared.GetAsync(azurite, "badinput");
        Assert.False(server.HasExited, $"The server exited. Output:{Environment.NewLine}{server.RecentOutput}");
        var discover = await client.DiscoverAsync();
        Assert.Equal(HttpStatusCode.OK, discover.StatusCode);
        discover.RequireResult();
    }

    private async Task<McpHttpClient> ClientAsync() => (await shared.GetAsync(azurite, "badinput")).CreateClient();
}
