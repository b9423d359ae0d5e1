using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>Tasks belong to the task hub, not to a process: any instance answers for them, any worker runs them.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrossProcessTests(AzuriteFixture azurite, ServerPairFixture servers) : IClassFixture<ServerPairFixture>
{
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task TasksGet_OnOtherInstanceRightAfterCreation_FindsTheTask()
    {
        await servers.StartAsync(azurite);
        using var creator = servers.Worker.CreateClient();
        using var other = servers.Frontend.CreateClient();

        var created = await creator.CallToolAsync("run_steps", new JsonObject { ["steps"] = 3, ["stepDelayMs"] = 100 }, withTasks: true);
        var taskId = TaskAssert.IsCreateTaskResult(created, DateTimeOffset.UtcNow);
        var seen = await other.GetTaskAsync(taskId);

        // Durable creation: the CreateTaskResult is only sent once every instance can answer for the task.
        var task = seen.RequireResult();
        Assert.Equal(taskId, task["taskId"]?.GetValue<string>());
        Assert.Contains(TaskAssert.Status(task), new[] { "working", "completed" });
        Assert.Equal(created.RequireResult()["createdAt"]?.GetValue<string>(), task["createdAt"]?.GetValue<string>());
        var done = await other.WaitForTerminalAsync(taskId, TaskTimeout);
        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Equal("Completed 3 steps.", TaskAssert.Text(done["result"]!));
    }

    [Fact]
    public async Task ToolsCall_OnInstanceWithoutWorker_IsRunByTheWorkerInstance()
    {
        await servers.StartAsync(azurite);
        using var frontend = servers.Frontend.CreateClient();

        var created = await frontend.CallToolAsync("run_steps", new JsonObject { ["steps"] = 4, ["stepDelayMs"] = 50 }, withTasks: true);
        var taskId = TaskAssert.IsCreateTaskResult(created, DateTimeOffset.UtcNow);
        var done = await frontend.WaitForTerminalAsync(taskId, TaskTimeout);

        Assert.Equal("completed", TaskAssert.Status(done));
        // The frontend runs no worker, so the only process that can have run the steps is the worker instance.
        Assert.Equal("Completed 4 steps.", TaskAssert.Text(done["result"]!));
        Assert.Contains($"Step 3 of task {taskId} ran", servers.Worker.RecentOutput, StringComparison.Ordinal);
        Assert.DoesNotContain($"of task {taskId} ran", servers.Frontend.RecentOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolsCall_InlineOnInstanceWithoutWorker_WaitsForTheWorkerInstance()
    {
        await servers.StartAsync(azurite);
        using var frontend = servers.Frontend.CreateClient();

        var response = await frontend.CallToolAsync("run_steps", new JsonObject { ["steps"] = 2, ["stepDelayMs"] = 50 }, withTasks: false);

        Assert.Equal("Completed 2 steps.", TaskAssert.Text(response.RequireResult()));
    }

    [Fact]
    public async Task TwoWorkers_OnOneTaskHub_ShareTheActivities()
    {
        // One activity at a time per worker: the process that sends an activity message wakes its own poller and would
        // otherwise take every activity itself while the other process's poller sleeps.
        var taskHub = TaskHubs.New("share");
        var settings = ServerSettings.Anonymous(azurite, taskHub);
        settings["DurableTask__MaxConcurrentActivities"] = "1";
        await using var first = await ServerProcess.StartAsync("worker-1", settings);
        await using var second = await ServerProcess.StartAsync("worker-2", settings);
        using var client = first.CreateClient();

        var tasks = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            tasks.Add(TaskAssert.IsCreateTaskResult(
                await client.CallToolAsync("run_steps", new JsonObject { ["steps"] = 4, ["stepDelayMs"] = 300 }, withTasks: true), DateTimeOffset.UtcNow));
        }

        foreach (var taskId in tasks)
        {
            Assert.Equal("completed", TaskAssert.Status(await client.WaitForTerminalAsync(taskId, TaskTimeout)));
        }

        // Activities go through the task hub's shared work-item queue: both processes ran some, and no step ran twice.
        var ranOn = tasks.SelectMany(t => Enumerable.Range(0, 4).Select(step => $"Step {step} of task {t} ran"))
            .Select(line => (First: first.RecentOutput.Contains(line, StringComparison.Ordinal), Second: second.RecentOutput.Contains(line, StringComparison.Ordinal)))
            .ToList();
        Assert.All(ranOn, r => Assert.True(r.First ^ r.Second, "A step ran on neither worker or on both."));
        Assert.Contains(ranOn, r => r.First);
        Assert.Contains(ranOn, r => r.Second);
    }
}
