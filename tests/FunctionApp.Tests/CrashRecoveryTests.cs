using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>A worker process killed in the middle of a task: another worker takes the task over once the lease lapses.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Task_WorkerKilledMidRun_CompletedByNextWorker()
    {
        var taskHub = TaskHubs.New("crash");
        await using var frontend = await ServerProcess.StartAsync("frontend", ServerProcess.Settings(azurite, taskHub, workerEnabled: false));
        using var client = frontend.CreateClient();
        string taskId;
        await using (var doomed = await ServerProcess.StartAsync("doomed-worker", ServerProcess.Settings(azurite, taskHub)))
        {
            var created = await client.CallToolAsync("run_steps", new JsonObject { ["steps"] = 12, ["stepDelayMs"] = 500 }, withTasks: true);
            taskId = TaskAssert.IsCreateTaskResult(created, DateTimeOffset.UtcNow);
            await client.WaitForTaskAsync(taskId, t => TaskAssert.StepsDone(t) >= 2, TimeSpan.FromSeconds(30), "two steps done on the first worker");

            await doomed.KillAsync();
        }

        Assert.Equal("working", TaskAssert.Status((await client.GetTaskAsync(taskId)).RequireResult()));
        await using var successor = await ServerProcess.StartAsync("successor-worker", ServerProcess.Settings(azurite, taskHub));
        var done = await client.WaitForTerminalAsync(taskId, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Equal("Completed 12 steps.", TaskAssert.Text(done["result"]!));
    }
}
