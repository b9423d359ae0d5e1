using DurableMcp.Engine.Tests.Infrastructure;
using TestWorker;
using Xunit.Abstractions;
using static DurableMcp.Engine.Tests.Infrastructure.TestTaskHub;

namespace DurableMcp.Engine.Tests;

/// <summary>
/// Guarantees "nothing waits in memory" and "survives the process" together: an instance waiting for an event or a
/// timer lives only in storage, so every process may die meanwhile and a new one resumes it, without running the steps
/// before the wait again.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WaitRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task WaitingInstance_EveryProcessRestarts_EventRaisedWithNoWorker_NewWorkerFinishes_StepBeforeWaitRanOnce()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var workerA = await hub.StartWorkerAsync();
        var id = (await hub.Client.StartAsync(OrchestrationNames.StepThenWait, null)).InstanceId;
        var waiting = await hub.WaitUntilSuspendedAsync(id, waits: 1, Timeout);
        Assert.Equal(WaitEvents.Go, Assert.Single(waiting.PendingWaits).EventName);
        await Eventually.Async(hub.QueueLengthAsync, n => n == 0, Timeout, "worker A to delete the suspended run's message");

        workerA.Kill();

        // Only storage is left: the event is recorded and a wake-up queued, with no process to take it.
        Assert.Equal(RaiseEventResult.Accepted, await hub.Client.RaiseEventAsync(id, WaitEvents.Go, Json(new { by = "client" })));
        Assert.Equal(OrchestrationStatus.Running, (await hub.Client.GetAsync(id))?.Status);
        Assert.Equal(1, await hub.QueueLengthAsync());

        var workerB = await hub.StartWorkerAsync();
        var done = await hub.WaitForTerminalAsync(id, Timeout);

        Assert.Equal(OrchestrationStatus.Completed, done.Status);
        Assert.Equal("client", done.Output!.Value.GetProperty("payload").GetProperty("by").GetString());
        var runs = await hub.StepLog.ReadAsync(id);
        output.WriteLine($"Step executions (step@pid): {string.Join(", ", runs.Select(r => $"{r.Step}@{r.ProcessId}"))}");
        Assert.Equal([(0, workerA.Id)], runs.Where(r => r.Step == 0).Select(r => (r.Step, r.ProcessId)));
        Assert.Equal([(1, workerB.Id)], runs.Where(r => r.Step == 1).Select(r => (r.Step, r.ProcessId)));
    }

    [Fact]
    public async Task DurableTimer_WorkerKilledDuringTheDelay_NewWorkerFinishesAfterTheDelay_NotBefore()
    {
        const int DelayMs = 2000;
        await using var hub = new TestTaskHub(azurite, output);
        var workerA = await hub.StartWorkerAsync();
        var id = (await hub.Client.StartAsync(OrchestrationNames.Timer, Json(new { delayMs = DelayMs }))).InstanceId;

        var waiting = await hub.WaitUntilSuspendedAsync(id, waits: 1, Timeout);
        var timer = Assert.Single(waiting.PendingWaits);
        Assert.Null(timer.EventName);
        Assert.NotNull(timer.Deadline);
        workerA.Kill();

        // Killed while the timer still ran: the deadline lies ahead, and the instance has not finished.
        Assert.True(DateTimeOffset.UtcNow < timer.Deadline, $"Worker A was killed only after the deadline {timer.Deadline:O}; the delay was too short for this machine.");
        Assert.Equal(OrchestrationStatus.Running, (await hub.Client.GetAsync(id))?.Status);
        Assert.Equal([(0, workerA.Id)], (await hub.StepLog.ReadAsync(id)).Select(r => (r.Step, r.ProcessId)));

        var workerB = await hub.StartWorkerAsync();
        var done = await hub.WaitForTerminalAsync(id, Timeout);

        Assert.Equal(OrchestrationStatus.Completed, done.Status);
        var before = done.Output!.Value.GetProperty("before").GetDateTimeOffset();
        var after = done.Output.Value.GetProperty("after").GetDateTimeOffset();
        var stepAt = done.Output.Value.GetProperty("stepAt").GetDateTimeOffset();
        Assert.Equal(timer.Deadline, before.AddMilliseconds(DelayMs));
        Assert.True(after >= before.AddMilliseconds(DelayMs), $"Replay-safe time after the delay {after:O} is less than {DelayMs} ms after {before:O}.");
        Assert.True(stepAt >= before.AddMilliseconds(DelayMs), $"The step after the delay ran at {stepAt:O}, before the deadline.");
        Assert.Equal([(0, workerA.Id), (1, workerB.Id)], (await hub.StepLog.ReadAsync(id)).Select(r => (r.Step, r.ProcessId)).Order());
    }
}
