using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// A worker process killed (SIGKILL) in the middle of a task: another process takes the task over once the dead one's
/// partition lease lapses, and replays the orchestration without running the finished activities again.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CrashRecoveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Task_WorkerKilledMidRun_CompletedByNextWorker()
    {
        var taskHub = TaskHubs.New("crash");
        await using var frontend = await ServerProcess.StartAsync("frontend", ServerSettings.Anonymous(azurite, taskHub, workerEnabled: false));
        using var client = frontend.CreateClient();
        string taskId;
        string doomedOutput;
        int doneBeforeKill;
        await using (var doomed = await ServerProcess.StartAsync("doomed-worker", ServerSettings.Anonymous(azurite, taskHub)))
        {
            var created = await client.CallToolAsync("run_steps", new JsonObject { ["steps"] = 12, ["stepDelayMs"] = 500 }, withTasks: true);
            taskId = TaskAssert.IsCreateTaskResult(created, DateTimeOffset.UtcNow);
            var progress = await client.WaitForTaskAsync(taskId, t => TaskAssert.StepsDone(t) >= 2, TimeSpan.FromSeconds(30), "two steps done on the first worker");
            doneBeforeKill = TaskAssert.StepsDone(progress);

            await doomed.KillAsync();
            doomedOutput = doomed.RecentOutput;
        }

        Assert.Equal("working", TaskAssert.Status((await client.GetTaskAsync(taskId)).RequireResult()));
        await using var successor = await ServerProcess.StartAsync("successor-worker", ServerSettings.Anonymous(azurite, taskHub));
        var done = await client.WaitForTerminalAsync(taskId, TimeSpan.FromSeconds(60));

        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Equal("Completed 12 steps.", TaskAssert.Text(done["result"]!));

        // Every step ran; the ones finished before the kill ran on the first worker only.
        for (var step = 0; step < 12; step++)
        {
            var line = $"Step {step} of task {taskId} ran";
            Assert.True(doomedOutput.Contains(line, StringComparison.Ordinal) || successor.RecentOutput.Contains(line, StringComparison.Ordinal), $"Step {step} never ran.");
            if (step < doneBeforeKill)
            {
                Assert.Contains(line, doomedOutput, StringComparison.Ordinal);
                Assert.DoesNotContain(line, successor.RecentOutput, StringComparison.Ordinal);
            }
        }
    }
}
