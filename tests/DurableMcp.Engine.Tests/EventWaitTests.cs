using System.Text.Json;
using DurableMcp.Engine.Serialization;
using DurableMcp.Engine.Tests.Infrastructure;
using TestWorker;
using Xunit.Abstractions;
using static DurableMcp.Engine.Tests.Infrastructure.TestTaskHub;

namespace DurableMcp.Engine.Tests;

/// <summary>
/// Guarantee: nothing waits in memory. An instance that waits for an external event ends its run and holds no lease,
/// no message and no thread; the event, kept durably from the moment it is raised (even before anyone waits for it, and
/// only once however often it is raised), resumes it.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EventWaitTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RaiseEventAsync_BeforeTheInstanceWaits_TheEventIsKept_AndTheWaitReturnsIt()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var id = (await hub.Client.StartAsync(OrchestrationNames.WaitEvent, Json(new { }))).InstanceId;

        // No worker yet: the instance has not run, so nobody waits for the event when it arrives.
        var raised = await hub.Client.RaiseEventAsync(id, WaitEvents.Approve, Json(new { answer = 42 }));
        Assert.Equal(RaiseEventResult.Accepted, raised);
        Assert.Equal(OrchestrationStatus.Pending, (await hub.Client.GetAsync(id))?.Status);

        await hub.StartWorkerAsync();
        var done = await hub.WaitForTerminalAsync(id, Timeout);

        Assert.Equal(OrchestrationStatus.Completed, done.Status);
        Assert.False(done.Output!.Value.GetProperty("timedOut").GetBoolean());
        Assert.Equal(42, done.Output.Value.GetProperty("payload").GetProperty("answer").GetInt32());
        Assert.Empty(done.PendingWaits);
        Assert.Equal([1], (await hub.StepLog.ReadAsync(id)).Select(r => r.Step));
    }

    [Fact]
    public async Task WaitForEventAsync_NoEventYet_SuspendsHoldingNothing_ThenTheEventResumesIt()
    {
        await using var hub = new TestTaskHub(azurite, output);
        await hub.StartWorkerAsync();
        var descriptor = Json(new { question = "Ship it?" });
        var id = (await hub.Client.StartAsync(OrchestrationNames.WaitEvent, Json(new { descriptor }))).InstanceId;

        var waiting = await hub.WaitUntilSuspendedAsync(id, waits: 1, Timeout);

        // Published: what it waits for, with the waiter's descriptor.
        var wait = Assert.Single(waiting.PendingWaits);
        Assert.Equal(WaitEvents.Approve, wait.EventName);
        Assert.Null(wait.Deadline);
        Assert.Equal(descriptor.GetRawText(), wait.Descriptor?.GetRawText());

        // Held: nothing. The work message is gone (no timer, so not even a delayed one), and no run owns the row.
        await Eventually.Async(hub.QueueLengthAsync, n => n == 0, Timeout, "the suspended run's message to be deleted");
        Assert.Empty((await hub.WorkQueue.PeekMessagesAsync(maxMessages: 32)).Value);
        var row = await hub.InstanceRowAsync(id);
        Assert.Equal("", row.GetString("LeaseOwner"));
        Assert.Equal(nameof(OrchestrationStatus.Running), row.GetString("Status"));
        Assert.Empty(await hub.StepLog.ReadAsync(id));

        Assert.Equal(RaiseEventResult.Accepted, await hub.Client.RaiseEventAsync(id, WaitEvents.Approve, Json(new { ok = true })));

        // Answered but not yet consumed: no longer reported as waiting.
        Assert.Empty((await hub.Client.GetAsync(id))!.PendingWaits);
        var done = await hub.WaitForTerminalAsync(id, Timeout);
        Assert.Equal(OrchestrationStatus.Completed, done.Status);
        Assert.False(done.Output!.Value.GetProperty("timedOut").GetBoolean());
        Assert.True(done.Output.Value.GetProperty("payload").GetProperty("ok").GetBoolean());
        Assert.Empty(done.PendingWaits);
        Assert.Equal([1], (await hub.StepLog.ReadAsync(id)).Select(r => r.Step));
    }

    [Fact]
    public async Task RaiseEventAsync_SameKeyTwice_SecondIsDuplicate_AndOnlyOneEventIsSeen()
    {
        await using var hub = new TestTaskHub(azurite, output);
        await hub.StartWorkerAsync();

        // Two waits on one name: a duplicate raise that slipped through would answer the second one.
        var id = (await hub.Client.StartAsync(OrchestrationNames.TwoWaits, Json(new { first = "x", second = "x" }))).InstanceId;
        await hub.WaitUntilSuspendedAsync(id, waits: 2, Timeout);

        Assert.Equal(RaiseEventResult.Accepted, await hub.Client.RaiseEventAsync(id, "x", Json(1), eventKey: "answer-1"));
        Assert.Equal(RaiseEventResult.Duplicate, await hub.Client.RaiseEventAsync(id, "x", Json(2), eventKey: "answer-1"));

        // One event recorded, with the first raise's payload.
        var recorded = Assert.Single(await hub.ReadEventsAsync(id));
        Assert.Equal(("answer-1", "x", "1"), (recorded.Key, recorded.Name, recorded.Payload));

        // The worker consumes it for the first wait and suspends again on the second.
        var (record, journal) = await Eventually.Async(
            async () =>
            {
                var r = await hub.ReadRecordAsync(id);
                return (Record: r, Journal: r is null ? [] : await hub.ReadJournalAsync(r));
            },
            s => s.Record is { LeaseOwner: null } && s.Journal.Count > 0,
            Timeout,
            "the first wait to consume the event");
        var consumed = Assert.Single(journal);
        Assert.Equal((0, "event:x", "answer-1", "1"), (consumed.Seq, consumed.Name, consumed.EventKey, consumed.Result?.GetRawText()));
        Assert.Equal(OrchestrationStatus.Running, record!.Status);
        Assert.Single(JsonSerializer.Deserialize(record.PendingWaits!, EngineJsonContext.Default.ListPendingWait)!);

        Assert.Equal(RaiseEventResult.Accepted, await hub.Client.RaiseEventAsync(id, "x", Json(3), eventKey: "answer-2"));
        var done = await hub.WaitForTerminalAsync(id, Timeout);

        Assert.Equal(OrchestrationStatus.Completed, done.Status);
        Assert.Equal(1, done.Output!.Value.GetProperty("first").GetInt32());
        Assert.Equal(3, done.Output.Value.GetProperty("second").GetInt32());
    }

    [Fact]
    public async Task WaitForEventAsync_TimeoutPassesWithoutEvent_CompletesTimedOut_AndALateRaiseIsRejected()
    {
        const int TimeoutMs = 1500;
        await using var hub = new TestTaskHub(azurite, output);
        await hub.StartWorkerAsync();
        var started = await hub.Client.StartAsync(OrchestrationNames.WaitEvent, Json(new { timeoutMs = TimeoutMs }));

        var done = await hub.WaitForTerminalAsync(started.InstanceId, Timeout);

        Assert.Equal(OrchestrationStatus.Completed, done.Status);
        Assert.True(done.Output!.Value.GetProperty("timedOut").GetBoolean());
        Assert.Equal(JsonValueKind.Null, done.Output.Value.GetProperty("payload").ValueKind);

        // The deadline counts from the replay-safe time of the wait: here the creation time. Not a moment before it.
        var deadline = started.CreatedAt.AddMilliseconds(TimeoutMs);
        Assert.True(done.Output.Value.GetProperty("stepAt").GetDateTimeOffset() >= deadline, $"The step after the wait ran before the deadline {deadline:O}.");
        Assert.Equal([1], (await hub.StepLog.ReadAsync(started.InstanceId)).Select(r => r.Step));

        Assert.Equal(RaiseEventResult.InstanceTerminal, await hub.Client.RaiseEventAsync(started.InstanceId, WaitEvents.Approve, Json(true)));
        Assert.Empty(await hub.ReadEventsAsync(started.InstanceId));
        Assert.Equal(OrchestrationStatus.Completed, (await hub.Client.GetAsync(started.InstanceId))?.Status);
    }

    [Fact]
    public async Task TwoConcurrentWaits_AnsweredInReverseOrder_BothPayloadsReturned_AndPendingWaitsShrink()
    {
        await using var hub = new TestTaskHub(azurite, output);
        await hub.StartWorkerAsync();
        var id = (await hub.Client.StartAsync(OrchestrationNames.TwoWaits, Json(new { }))).InstanceId;

        var waiting = await hub.WaitUntilSuspendedAsync(id, waits: 2, Timeout);
        Assert.Equal(["a", "b"], waiting.PendingWaits.Select(w => w.EventName).Order(StringComparer.Ordinal));

        Assert.Equal(RaiseEventResult.Accepted, await hub.Client.RaiseEventAsync(id, "b", Json("answer-b")));
        Assert.Equal(["a"], (await hub.Client.GetAsync(id))!.PendingWaits.Select(w => w.EventName));

        // Let the worker consume b (a run of its own) before a arrives, so the two answers really come in turn.
        await Eventually.Async(
            async () => await hub.ReadRecordAsync(id) is { LeaseOwner: null } r && (await hub.ReadJournalAsync(r)).Any(e => e.Name == "event:b"),
            Timeout,
            "the worker to consume b");
        var stillWaiting = await hub.Client.GetAsync(id);
        Assert.Equal(OrchestrationStatus.Running, stillWaiting?.Status);
        Assert.Equal(["a"], stillWaiting!.PendingWaits.Select(w => w.EventName));

        Assert.Equal(RaiseEventResult.Accepted, await hub.Client.RaiseEventAsync(id, "a", Json("answer-a")));
        Assert.Empty((await hub.Client.GetAsync(id))!.PendingWaits);

        var done = await hub.WaitForTerminalAsync(id, Timeout);
        Assert.Equal(OrchestrationStatus.Completed, done.Status);
        Assert.Equal("answer-a", done.Output!.Value.GetProperty("first").GetString());
        Assert.Equal("answer-b", done.Output.Value.GetProperty("second").GetString());
    }
}
