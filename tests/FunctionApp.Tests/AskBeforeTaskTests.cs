using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// MRTR, then the task (SEP-2663 composition): a tool marked <c>AsksBeforeTask</c>, called by a client with the tasks
/// extension and form elicitation, answers its first question as <c>input_required</c> (no task id); the retry with the
/// answer and the <c>requestState</c> gets the <c>CreateTaskResult</c> of the same run (no <c>requestState</c>), whose
/// later questions come through <c>tasks/get</c>. In-process server, real Kestrel and Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class AskBeforeTaskTests(AzuriteFixture azurite, InProcessServerFixture host) : IClassFixture<InProcessServerFixture>
{
    private const string Tool = TestDurableTools.AsksBeforeTaskTool;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ToolsCall_FirstQuestionThroughMrtr_RetryWithTheAnswerGetsTheTask_LaterQuestionThroughTasksGet()
    {
        using var client = await ClientAsync();
        var capabilities = McpHttpClient.Capabilities(withTasks: true, withElicitation: true);
        var call = new JsonObject { ["name"] = Tool, ["arguments"] = new JsonObject { ["order"] = "F-6" } };

        var asked = (await client.RequestAsync("tools/call", call, capabilities, Tool)).RequireResult();

        Assert.Equal("input_required", asked["resultType"]?.GetValue<string>());
        Assert.Null(asked["taskId"]);
        var requestState = asked["requestState"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(requestState), $"No requestState in {asked.ToJsonString()}");
        var (carrierKey, question) = Assert.Single(asked["inputRequests"]!.AsObject());
        Assert.StartsWith(TestDurableTools.CarrierQuestion, InputRequestAssert.IsFormElicitation(question)["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var retry = call.DeepClone().AsObject();
        retry["requestState"] = requestState;
        retry["inputResponses"] = InputRequestAssert.Answer(carrierKey, "accept", new JsonObject { ["carrier"] = "Courier" });
        var created = await client.RequestAsync("tools/call", retry, capabilities, Tool);

        var taskId = TaskAssert.IsCreateTaskResult(created, DateTimeOffset.UtcNow);
        Assert.Equal(requestState, taskId); // the same run, now the client's task
        Assert.Null(created.RequireResult()["requestState"]);
        Assert.Null(created.RequireResult()["inputRequests"]);
        var (parcelKey, _) = InputRequestAssert.Single(await client.WaitForInputRequiredAsync(taskId, Timeout));
        Assert.NotEqual(carrierKey, parcelKey);
        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(parcelKey, "accept", new JsonObject { ["parcels"] = 2 })));
        var done = await client.WaitForTerminalAsync(taskId, Timeout);
        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Equal("Order F-6: Courier; 2 parcels.", TaskAssert.Text(done["result"]!));
    }

    [Fact]
    public async Task ToolsCall_RetryWithoutAnAnswer_AskedTheSameQuestionAgain_NoTask()
    {
        using var client = await ClientAsync();
        var capabilities = McpHttpClient.Capabilities(withTasks: true, withElicitation: true);
        var call = new JsonObject { ["name"] = Tool, ["arguments"] = new JsonObject { ["order"] = "G-7" } };
        var asked = (await client.RequestAsync("tools/call", call, capabilities, Tool)).RequireResult();

        var retry = call.DeepClone().AsObject();
        retry["requestState"] = asked["requestState"]!.DeepClone();
        var again = (await client.RequestAsync("tools/call", retry, capabilities, Tool)).RequireResult();

        Assert.Equal("input_required", again["resultType"]?.GetValue<string>());
        Assert.Null(again["taskId"]);
        Assert.True(JsonNode.DeepEquals(asked["inputRequests"], again["inputRequests"]), $"A different question: {again.ToJsonString()}");
        Assert.Equal(asked["requestState"]?.GetValue<string>(), again["requestState"]?.GetValue<string>());
    }

    [Fact]
    public async Task ToolsCall_ClientWithoutFormElicitation_TaskAtOnce_FirstQuestionThroughTasksGet()
    {
        using var client = await ClientAsync();

        var created = await client.CallToolAsync(Tool, new JsonObject { ["order"] = "H-8" }, withTasks: true);

        var taskId = TaskAssert.IsCreateTaskResult(created, DateTimeOffset.UtcNow);
        var (_, question) = InputRequestAssert.Single(await client.WaitForInputRequiredAsync(taskId, Timeout));
        Assert.StartsWith(TestDurableTools.CarrierQuestion, question["message"]!.GetValue<string>(), StringComparison.Ordinal);
        TaskAssert.IsAcknowledgement(await client.CancelTaskAsync(taskId));
    }

    private async Task<McpHttpClient> ClientAsync() => (await host.GetAsync(azurite, TestDurableTools.Host)).CreateClient();
}
