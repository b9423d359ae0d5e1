using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// Durable tools the app does not have (a task-only tool, a tool with a large result), hosted with the same MCP
/// pipeline in-process (<c>WithHttpTransport().WithDurableTasks().WithDurableTools()</c>) on real Kestrel and Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class InProcessDurableToolTests(AzuriteFixture azurite, InProcessServerFixture host) : IClassFixture<InProcessServerFixture>
{
    private const string Line = "0123456789abcdefghijklmnopqrstuvwxyz\n";

    [Fact]
    public async Task ToolsCall_TaskOnlyToolWithoutTasksExtension_MissingRequiredClientCapability()
    {
        using var client = await ClientAsync();

        var response = await client.CallToolAsync(TestDurableTools.TaskOnlyTool, new JsonObject { ["archive"] = "q3" }, withTasks: false);

        Assert.Equal(-32021, response.RequireErrorCode());
        Assert.Contains(McpHttpClient.TasksExtension, response.ErrorMessage, StringComparison.Ordinal);
        var required = response.Error!["data"]?["requiredCapabilities"]?["extensions"] as JsonObject;
        Assert.NotNull(required);
        Assert.True(required.ContainsKey(McpHttpClient.TasksExtension), $"No tasks extension in {response}");
        Assert.Equal(JsonValueKind.Object, required[McpHttpClient.TasksExtension]!.GetValueKind());
    }

    [Theory]
    [InlineData("tasks/get")]
    [InlineData("tasks/update")]
    [InlineData("tasks/cancel")]
    public async Task TasksRequest_WithoutTasksExtensionOnThisRequest_MissingRequiredClientCapability_AndTheTaskIsUntouched(string method)
    {
        using var client = await ClientAsync();
        var taskId = TaskAssert.IsCreateTaskResult(
            await client.CallToolAsync(TestDurableTools.TaskOnlyTool, new JsonObject { ["archive"] = "q4" }, withTasks: true), DateTimeOffset.UtcNow);
        var parameters = new JsonObject { ["taskId"] = taskId };
        if (method == "tasks/update")
        {
            parameters["inputResponses"] = new JsonObject();
        }

        // The task exists: the refusal is about the capability, not an unknown id (-32602).
        var response = await client.RequestAsync(method, parameters, withTasks: false, name: taskId);

        Assert.Equal(-32021, response.RequireErrorCode());
        Assert.Contains(McpHttpClient.TasksExtension, response.ErrorMessage, StringComparison.Ordinal);
        var required = response.Error!["data"]?["requiredCapabilities"]?["extensions"] as JsonObject;
        Assert.NotNull(required);
        Assert.True(required.ContainsKey(McpHttpClient.TasksExtension), $"No tasks extension in {response}");
        var done = await client.WaitForTerminalAsync(taskId, TimeSpan.FromSeconds(30));
        Assert.Equal("completed", TaskAssert.Status(done)); // a refused tasks/cancel cancelled nothing
    }

    [Fact]
    public async Task ToolsCall_TaskOnlyToolFromInitializeHandshakeClientWithoutParamsTask_MethodNotFound()
    {
        using var client = await ClientAsync();

        // 2025-11-25: a tool whose taskSupport is "required", called without params.task, is -32601 (not 2026's -32021).
        var response = await client.Request2025Async("tools/call", new JsonObject { ["name"] = TestDurableTools.TaskOnlyTool, ["arguments"] = new JsonObject { ["archive"] = "q3" } });

        Assert.Equal(-32601, response.RequireErrorCode());
    }

    [Fact]
    public async Task ToolsCall_TaskOnlyToolWithTasksExtension_BecomesTaskAndCompletes()
    {
        using var client = await ClientAsync();

        var created = await client.CallToolAsync(TestDurableTools.TaskOnlyTool, new JsonObject { ["archive"] = "q3" }, withTasks: true);
        var taskId = TaskAssert.IsCreateTaskResult(created, DateTimeOffset.UtcNow);
        var done = await client.WaitForTerminalAsync(taskId, TimeSpan.FromSeconds(30));

        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Equal("Exported q3 in 3 parts.", TaskAssert.Text(done["result"]!));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ToolsCall_ResultFarOverInlineLimit_ArrivesWhole(bool withTasks)
    {
        using var client = await ClientAsync();
        const int characters = 200_000;

        var response = await client.CallToolAsync(TestDurableTools.LargeResultTool, new JsonObject { ["characters"] = characters }, withTasks);
        var result = withTasks
            ? (await client.WaitForTerminalAsync(TaskAssert.IsCreateTaskResult(response, DateTimeOffset.UtcNow), TimeSpan.FromSeconds(30)))["result"]!
            : response.RequireResult();

        Assert.Equal(TestDurableTools.Report(Line, characters), TaskAssert.Text(result));
    }

    private async Task<McpHttpClient> ClientAsync() => (await host.GetAsync(azurite, TestDurableTools.Host)).CreateClient();
}
