using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using DurableMcp.FunctionApp.Functions;
using DurableMcp.FunctionHost.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionHost.Tests;

/// <summary>
/// The handler as the Functions host drives it: MCP requests forwarded on the HTTP function's route, work delivered one
/// message per queue-trigger invocation, and the host's rules applied to each answer.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class QueueTriggerContractTests(HandlerFixture handler) : IClassFixture<HandlerFixture>
{
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Handler_UnderTheFunctionsHost_LeavesTheWorkToTheQueueTrigger()
    {
        await handler.ClearQueuesAsync();
        using var mcp = new McpClient(handler.Host.FrontEnd);
        var taskId = await mcp.StartTaskAsync("run_steps", HandlerFixture.Args(("steps", 1)));

        // No embedded poller: the message waits for the trigger, however long.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(1, await handler.WorkQueueCountAsync());
        Assert.Equal("working", await mcp.StatusAsync(taskId));

        await handler.Host.PumpQueuesUntilAsync(async () => await mcp.StatusAsync(taskId) == "completed", TaskTimeout);
        Assert.Equal(0, await handler.WorkQueueCountAsync());
    }

    [Fact]
    public async Task Task_CompletesThroughQueueTriggerInvocationsAlone()
    {
        await handler.ClearQueuesAsync();
        using var mcp = new McpClient(handler.Host.FrontEnd);
        var (status, discovered) = await mcp.RequestAsync("tools/list");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(discovered!["result"]!["tools"]!.AsArray(), t => t!["name"]!.GetValue<string>() == "run_steps");

        var taskId = await mcp.StartTaskAsync("run_steps", HandlerFixture.Args(("steps", 3)));
        var invocations = await handler.Host.PumpQueuesUntilAsync(async () => await mcp.StatusAsync(taskId) == "completed", TaskTimeout);

        Assert.NotEmpty(invocations);
        Assert.All(invocations, i =>
        {
            Assert.Equal(FunctionLayout.WorkerFunction, i.Function);
            AssertInvocationResponse(i, HttpStatusCode.OK);
            Assert.Equal(HostAction.Deleted, i.HostAction);
        });
        var task = await mcp.GetTaskAsync(taskId);
        Assert.Contains("Completed 3 steps.", task.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal(0, await handler.WorkQueueCountAsync());
    }

    [Fact]
    public async Task QueueInvocation_InTheDocumentedPayloadShape_IsProcessedAlike()
    {
        await handler.ClearQueuesAsync();
        using var mcp = new McpClient(handler.Host.FrontEnd);
        handler.Host.Style = PayloadStyle.Documented;
        try
        {
            var taskId = await mcp.StartTaskAsync("run_steps", HandlerFixture.Args(("steps", 1)));
            var invocations = await handler.Host.PumpQueuesUntilAsync(async () => await mcp.StatusAsync(taskId) == "completed", TaskTimeout);
            Assert.All(invocations, i => AssertInvocationResponse(i, HttpStatusCode.OK));
        }
        finally
        {
            handler.Host.Style = PayloadStyle.HostSerialized;
        }
    }

    [Fact]
    public async Task FailedInvocation_LeavesTheMessageForRetry_AndThePoisonedMessageComesBackThroughTheJanitor()
    {
        await handler.ClearQueuesAsync();
        using var mcp = new McpClient(handler.Host.FrontEnd);
        var taskId = await mcp.StartTaskAsync("run_steps", HandlerFixture.Args(("steps", 1)));
        await SetColumnsAsync(taskId, new() { ["Status"] = "Unreadable" }); // The runner cannot read the row: an abnormal failure.

        var failed = Assert.Single(await handler.Host.DeliverQueueMessagesAsync());
        AssertInvocationResponse(failed, HttpStatusCode.InternalServerError);
        Assert.Equal(HostAction.RetryLater, failed.HostAction);
        Assert.Equal(1, await handler.WorkQueueCountAsync()); // Still there ...
        Assert.Empty((await handler.WorkQueue.PeekMessagesAsync(32)).Value); // ... invisible until the host's retry.

        // A fresh delivery of the same work, retried at once here, fails until the host moves it to the poison queue ...
        await handler.ClearQueuesAsync();
        await handler.WorkQueue.SendMessageAsync(taskId);
        handler.Host.RetryDelay = TimeSpan.Zero;
        try
        {
            var maxDequeueCount = handler.Host.Files.QueueSetting("maxDequeueCount", 5);
            var attempts = await handler.Host.PumpQueuesUntilAsync(async () => (await handler.PoisonQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount > 0, TaskTimeout);
            Assert.Equal(maxDequeueCount, attempts.Count);
            Assert.All(attempts, a => AssertInvocationResponse(a, HttpStatusCode.InternalServerError));
            Assert.Equal(HostAction.MovedToPoison, attempts[^1].HostAction);
        }
        finally
        {
            handler.Host.RetryDelay = null;
        }

        // ... where the janitor finds it and moves it back: the engine's own attempt count decides what is poison.
        await SetColumnsAsync(taskId, new() { ["Status"] = "Pending" });
        var janitor = await handler.Host.FireTimerAsync(FunctionLayout.JanitorFunction);
        AssertInvocationResponse(janitor, HttpStatusCode.OK);
        Assert.Contains(janitor.Logs, l => l.Contains("recovered from poison 1", StringComparison.Ordinal));
        Assert.Equal(0, (await handler.PoisonQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);

        await handler.Host.PumpQueuesUntilAsync(async () => await mcp.StatusAsync(taskId) == "completed", TaskTimeout);
    }

    [Fact]
    public async Task Message_ForAnInstanceLeasedByAnotherRun_IsDeferredAsADelayedCopyAndSucceeds()
    {
        await handler.ClearQueuesAsync();
        using var mcp = new McpClient(handler.Host.FrontEnd);
        var taskId = await mcp.StartTaskAsync("run_steps", HandlerFixture.Args(("steps", 1)));
        await SetColumnsAsync(taskId, new()
        {
            ["Status"] = "Running",
            ["LeaseOwner"] = "another-worker:1:run",
            ["LeaseExpiresAt"] = DateTimeOffset.UtcNow.AddSeconds(30),
        });

        var deferred = Assert.Single(await handler.Host.DeliverQueueMessagesAsync());
        AssertInvocationResponse(deferred, HttpStatusCode.OK);
        Assert.Contains(deferred.Logs, l => l.EndsWith(": Deferred", StringComparison.Ordinal));
        Assert.Equal(HostAction.Deleted, deferred.HostAction);

        // The host deleted the delivered message; the engine queued a copy that shows when the other run's lease ends.
        Assert.Equal(1, await handler.WorkQueueCountAsync());
        Assert.Empty((await handler.WorkQueue.PeekMessagesAsync(32)).Value);
        await handler.ClearQueuesAsync();
    }

    [Fact]
    public async Task Run_ThatOutlastsTheInvocationBudget_ChecksPointsAndContinuesInANewMessage()
    {
        await handler.ClearQueuesAsync();
        using var mcp = new McpClient(handler.Host.FrontEnd);
        const int steps = 4;
        var stepDelay = TimeSpan.FromMilliseconds(700); // 2.8 s of steps against a 2 s budget.
        var taskId = await mcp.StartTaskAsync("run_steps", HandlerFixture.Args(("steps", steps), ("stepDelayMs", (int)stepDelay.TotalMilliseconds)));

        var invocations = await handler.Host.PumpQueuesUntilAsync(async () => await mcp.StatusAsync(taskId) == "completed", TaskTimeout);

        Assert.All(invocations, i => AssertInvocationResponse(i, HttpStatusCode.OK));
        Assert.Contains(invocations[0].Logs, l => l.EndsWith(": Continued", StringComparison.Ordinal));

        // Each invocation keeps what the ones before finished: the run makes progress every time, never starting over.
        Assert.InRange(invocations.Count, 2, steps);
        Assert.Contains($"Completed {steps} steps.", (await mcp.GetTaskAsync(taskId)).ToJsonString(), StringComparison.Ordinal);
    }

    /// <summary>The documented response shape: Outputs (object), Logs (array of strings), ReturnValue; with the given status.</summary>
    internal static void AssertInvocationResponse(Invocation invocation, HttpStatusCode expected)
    {
        Assert.Equal(expected, invocation.Status);
        var body = Assert.IsType<JsonObject>(invocation.Body);
        Assert.IsType<JsonObject>(body["Outputs"]);
        Assert.All(Assert.IsType<JsonArray>(body["Logs"]), l => Assert.IsAssignableFrom<JsonValue>(l));
        Assert.True(body.ContainsKey("ReturnValue"), "The answer has no ReturnValue.");
    }

    private Task SetColumnsAsync(string instanceId, Dictionary<string, object> columns)
    {
        var entity = InstanceRows.KeyOf(instanceId);
        foreach (var (name, value) in columns)
        {
            entity[name] = value;
        }

        return handler.Instances.UpdateEntityAsync(entity, Azure.ETag.All, TableUpdateMode.Merge);
    }
}
