using DurableMcp.Engine.Storage;
using DurableMcp.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using TestWorker;
using Xunit.Abstractions;
using static DurableMcp.Engine.Tests.Infrastructure.TestTaskHub;

namespace DurableMcp.Engine.Tests;

/// <summary>Guarantee: a cancelled, completed or failed instance never changes again; a late result is dropped.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TerminalStateTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RequestCancellationAsync_RunningInstance_IsCancelledAtOnce_AndTheRunStopsWithoutWriting()
    {
        await using var hub = new TestTaskHub(azurite, output);
        await hub.StartWorkerAsync();
        var id = (await hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = 3, stepDelayMs = 8_000 }))).InstanceId;
        await Eventually.Async(() => hub.StepLog.ReadAsync(id), runs => runs.Count == 1, Timeout, "step 0 to start");
        Assert.Equal(OrchestrationStatus.Running, (await hub.Client.GetAsync(id))?.Status);

        var cancelled = await hub.Client.RequestCancellationAsync(id);

        Assert.NotNull(cancelled);
        Assert.Equal(id, cancelled.InstanceId);
        Assert.Equal(OrchestrationStatus.Cancelled, cancelled.Status);
        Assert.True(cancelled.CancelRequested);
        var afterCancel = await hub.Client.GetAsync(id);
        Assert.Equal(OrchestrationStatus.Cancelled, afterCancel?.Status);

        // The worker learns of it at its next lease renewal (a third of the lease), stops the step long before its
        // 8 s delay ends, and deletes the message: an empty queue means the run is over.
        await Eventually.Async(hub.QueueLengthAsync, n => n == 0, Timeout, "the worker to drop the cancelled instance's message");
        var final = await hub.Client.GetAsync(id);
        Assert.NotNull(final);
        Assert.Equal(OrchestrationStatus.Cancelled, final.Status);
        Assert.Null(final.Output);
        Assert.Null(final.Failure);
        Assert.Equal(afterCancel!.LastUpdatedAt, final.LastUpdatedAt);
        Assert.Equal(afterCancel.StatusMessage, final.StatusMessage);
        Assert.Equal([0], (await hub.StepLog.ReadAsync(id)).Select(r => r.Step));
    }

    [Fact]
    public async Task RequestCancellationAsync_WaitingInstance_IsCancelledAtOnce_AndLateEventsAndWakeUpsChangeNothing()
    {
        await using var hub = new TestTaskHub(azurite, output);
        await hub.StartWorkerAsync();
        var id = (await hub.Client.StartAsync(OrchestrationNames.WaitEvent, Json(new { }))).InstanceId;
        await hub.WaitUntilSuspendedAsync(id, waits: 1, Timeout);

        // Suspended: no run to stop, so the cancellation is the whole story.
        var cancelled = await hub.Client.RequestCancellationAsync(id);

        Assert.Equal(OrchestrationStatus.Cancelled, cancelled?.Status);
        Assert.True(cancelled!.CancelRequested);
        Assert.Empty(cancelled.PendingWaits);
        var afterCancel = await hub.Client.GetAsync(id);
        Assert.Equal(OrchestrationStatus.Cancelled, afterCancel?.Status);
        Assert.Empty(afterCancel!.PendingWaits);

        Assert.Equal(RaiseEventResult.InstanceTerminal, await hub.Client.RaiseEventAsync(id, WaitEvents.Approve, Json(true)));
        Assert.Empty(await hub.ReadEventsAsync(id));

        // A stray wake-up (a redelivery, a late timer) is dropped by the worker without running anything.
        await hub.Services.GetRequiredService<WorkQueue>().EnqueueAsync(id);
        await Eventually.Async(hub.QueueLengthAsync, n => n == 0, Timeout, "the worker to drop the stray wake-up");
        var final = await hub.Client.GetAsync(id);
        Assert.Equal(OrchestrationStatus.Cancelled, final?.Status);
        Assert.Equal(afterCancel.LastUpdatedAt, final!.LastUpdatedAt);
        Assert.Null(final.Output);
        Assert.Null(final.Failure);
        Assert.Empty(await hub.StepLog.ReadAsync(id));
    }

    [Fact]
    public async Task RequestCancellationAsync_PendingInstance_WorkerDropsItWithoutRunning()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var id = (await hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = 2 }))).InstanceId;
        var cancelled = await hub.Client.RequestCancellationAsync(id);
        Assert.Equal(OrchestrationStatus.Cancelled, cancelled?.Status);
        Assert.Equal(1, await hub.QueueLengthAsync());

        await hub.StartWorkerAsync();

        await Eventually.Async(hub.QueueLengthAsync, n => n == 0, Timeout, "the worker to drop the cancelled instance's message");
        var final = await hub.Client.GetAsync(id);
        Assert.Equal(OrchestrationStatus.Cancelled, final?.Status);
        Assert.Null(final?.Output);
        Assert.Empty(await hub.StepLog.ReadAsync(id));
    }

    [Fact]
    public async Task RequestCancellationAsync_CompletedInstance_ReturnsItUnchanged()
    {
        await using var hub = new TestTaskHub(azurite, output);
        await hub.StartWorkerAsync();
        var id = (await hub.Client.StartAsync(OrchestrationNames.Noop3, null)).InstanceId;
        var completed = await hub.WaitForTerminalAsync(id, Timeout);
        Assert.Equal(OrchestrationStatus.Completed, completed.Status);
        Assert.Equal(3, completed.Output?.GetProperty("completed").GetInt32());

        var result = await hub.Client.RequestCancellationAsync(id);

        Assert.NotNull(result);
        Assert.Equal(id, result.InstanceId);
        Assert.Equal(OrchestrationStatus.Completed, result.Status);
        Assert.False(result.CancelRequested);
        var after = await hub.Client.GetAsync(id);
        Assert.NotNull(after);
        Assert.Equal(OrchestrationStatus.Completed, after.Status);
        Assert.False(after.CancelRequested);
        Assert.Equal(completed.LastUpdatedAt, after.LastUpdatedAt);
        Assert.Equal(completed.Output?.GetRawText(), after.Output?.GetRawText());
    }

    [Fact]
    public async Task FailingStep_FailsTheInstanceWithTheStepError_AndLaterStepsNeverRun()
    {
        await using var hub = new TestTaskHub(azurite, output);
        await hub.StartWorkerAsync();
        var id = (await hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = 3, crashAtStep = 1, crashMode = "throw" }))).InstanceId;

        var failed = await hub.WaitForTerminalAsync(id, Timeout);

        Assert.Equal(OrchestrationStatus.Failed, failed.Status);
        Assert.NotNull(failed.Failure);
        Assert.Equal(nameof(InvalidOperationException), failed.Failure.ErrorType);
        Assert.Equal($"Step of {id} failed on purpose.", failed.Failure.Message);
        Assert.Null(failed.Output);
        Assert.Equal([0, 1], (await hub.StepLog.ReadAsync(id)).Select(r => r.Step).Order());
        await Eventually.Async(hub.QueueLengthAsync, n => n == 0, Timeout, "the failed instance's message to be deleted");
    }
}
