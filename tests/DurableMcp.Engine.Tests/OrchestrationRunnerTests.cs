using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using DurableMcp.Engine.Client;
using DurableMcp.Engine.Hosting;
using DurableMcp.Engine.Serialization;
using DurableMcp.Engine.Storage;
using DurableMcp.Engine.Tests.Infrastructure;
using DurableMcp.Engine.Worker;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DurableMcp.Engine.Tests;

/// <summary>The runner in this process, driven message by message, for failures a worker process cannot stage on cue.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OrchestrationRunnerTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const string Slow = "slow";
    private const string TwoWaits = "two-waits";
    private const string Timer = "timer";
    private const string Gated = "gated";

    [Fact]
    public async Task ProcessAsync_LeaseRenewalFails_AbandonsTheRunAndKeepsTheMessage_SoTheInstanceCompletesLater()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var faults = new InstanceWriteFaults(hub.Name);
        var stepStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var executions = 0;
        var services = new ServiceCollection().AddLogging();
        services.AddDurableEngine(configure: o =>
            {
                o.ConnectionString = hub.ConnectionString;
                o.TaskHub = hub.Name;
                o.WorkerEnabled = false;
                o.LeaseDuration = TestTaskHub.LeaseDuration;
                o.ConfigureClientOptions = client => client.AddPolicy(faults, HttpPipelinePosition.PerCall);
            })
            .AddOrchestration(Slow, async (context, _, _) =>
            {
                await context.StepAsync("wait", async cancellationToken =>
                {
                    Interlocked.Increment(ref executions);
                    stepStarted.TrySetResult();
                    await Task.Delay(TimeSpan.FromSeconds(4), cancellationToken);
                });
                return null;
            });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<DurableClient>();
        var queue = provider.GetRequiredService<WorkQueue>();
        var runner = provider.GetRequiredService<OrchestrationRunner>();
        var id = (await client.StartAsync(Slow, null)).InstanceId;

        var item = Assert.Single(await queue.ReceiveAsync(1, TestTaskHub.LeaseDuration));
        var processing = runner.ProcessAsync(item);
        await stepStarted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        faults.Enabled = true; // the next lease renewal (a third of the lease from now) fails
        var outcome = await processing.WaitAsync(TimeSpan.FromSeconds(20));
        faults.Enabled = false;

        // Nobody asked for cancellation: the run must be given up, not recorded as cancelled and its message dropped.
        Assert.Equal(WorkOutcome.Abandoned, outcome);
        Assert.Equal(OrchestrationStatus.Running, (await client.GetAsync(id))?.Status);
        Assert.Equal(1, await hub.QueueLengthAsync());

        // Redelivered once the message's visibility and the lease lapse, the instance runs again and completes.
        var done = await Eventually.Async(
            async () =>
            {
                foreach (var redelivered in await queue.ReceiveAsync(1, TestTaskHub.LeaseDuration))
                {
                    await runner.ProcessAsync(redelivered);
                }

                return await client.GetAsync(id);
            },
            i => i?.Status.IsTerminal() == true,
            TimeSpan.FromSeconds(30),
            "the redelivered instance to end");
        Assert.Equal(OrchestrationStatus.Completed, done!.Status);
        Assert.Equal(2, executions);
    }

    [Fact]
    public async Task ProcessAsync_TwoConcurrentWaits_OneReadsTheEventsSlowly_SuspendsOnlyOnceBothAreRegistered()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var slowReads = new SlowEventReads(hub.Name, TimeSpan.FromMilliseconds(500));
        await using var provider = CreateEngine(hub, slowReads, TwoWaits, async (context, _, _) =>
        {
            var a = context.WaitForEventAsync("a");
            var b = context.WaitForEventAsync("b");
            await Task.WhenAll(a, b);
            return JsonSerializer.SerializeToElement(new { a = (await a).Payload, b = (await b).Payload });
        });
        var client = provider.GetRequiredService<DurableClient>();
        var queue = provider.GetRequiredService<WorkQueue>();
        var runner = provider.GetRequiredService<OrchestrationRunner>();
        var id = (await client.StartAsync(TwoWaits, null)).InstanceId;

        // The events load half a second late: the run is not blocked while its waits are still reading them.
        Assert.Equal(WorkOutcome.Finished, await runner.ProcessAsync(Assert.Single(await queue.ReceiveAsync(1, TestTaskHub.LeaseDuration))));
        Assert.True(slowReads.Reads >= 2, $"Only {slowReads.Reads} event read(s) were made.");
        var suspended = await hub.ReadRecordAsync(id);
        Assert.Null(suspended!.LeaseOwner);
        Assert.Equal(["a", "b"], PendingEventNames(suspended));

        // Answered in reverse order, one run each: both come back to the right wait.
        foreach (var (name, payload) in new[] { ("b", "answer-b"), ("a", "answer-a") })
        {
            Assert.Equal(RaiseEventResult.Accepted, await client.RaiseEventAsync(id, name, JsonSerializer.SerializeToElement(payload)));
            Assert.Equal(WorkOutcome.Finished, await runner.ProcessAsync(Assert.Single(await queue.ReceiveAsync(1, TestTaskHub.LeaseDuration))));
        }

        var done = await client.GetAsync(id);
        Assert.Equal(OrchestrationStatus.Completed, done?.Status);
        Assert.Equal("answer-a", done!.Output!.Value.GetProperty("a").GetString());
        Assert.Equal("answer-b", done.Output.Value.GetProperty("b").GetString());
    }

    [Fact]
    public async Task ProcessAsync_TwoWaitsOnOneName_TakeItsEventsInTheOrderTheyWereRaised_EvenWhenTheFirstReadIsSlow()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var slowReads = new SlowEventReads(hub.Name, TimeSpan.FromMilliseconds(500));
        await using var provider = CreateEngine(hub, slowReads, TwoWaits, async (context, _, _) =>
        {
            var first = context.WaitForEventAsync("x");
            var second = context.WaitForEventAsync("x");
            return JsonSerializer.SerializeToElement(new { first = (await first).Payload, second = (await second).Payload });
        });
        var client = provider.GetRequiredService<DurableClient>();
        var queue = provider.GetRequiredService<WorkQueue>();
        var runner = provider.GetRequiredService<OrchestrationRunner>();
        var id = (await client.StartAsync(TwoWaits, null)).InstanceId;
        Assert.Equal(RaiseEventResult.Accepted, await client.RaiseEventAsync(id, "x", JsonSerializer.SerializeToElement("one"), "k-one"));
        Assert.Equal(RaiseEventResult.Accepted, await client.RaiseEventAsync(id, "x", JsonSerializer.SerializeToElement("two"), "k-two"));

        Assert.Equal(WorkOutcome.Finished, await runner.ProcessAsync((await queue.ReceiveAsync(1, TestTaskHub.LeaseDuration))[0]));

        var done = await client.GetAsync(id);
        Assert.Equal(OrchestrationStatus.Completed, done?.Status);
        Assert.Equal(("one", "two"), (done!.Output!.Value.GetProperty("first").GetString(), done.Output.Value.GetProperty("second").GetString()));
    }

    [Fact]
    public async Task ProcessAsync_MessageBeforeItsRow_ComesBackAndRunsOnceTheRowIsThere_WhileAMessageWithoutARowIsDroppedOnItsSecondDelivery()
    {
        await using var hub = new TestTaskHub(azurite, output);
        await using var provider = CreateEngine(hub, policy: null, Gated, (context, _, _) => Task.FromResult<JsonElement?>(JsonSerializer.SerializeToElement("done")));
        var client = provider.GetRequiredService<DurableClient>();
        var queue = provider.GetRequiredService<WorkQueue>();
        var runner = provider.GetRequiredService<OrchestrationRunner>();
        var late = InstanceIds.New();
        var never = InstanceIds.New();
        await queue.EnqueueAsync(late);
        await queue.EnqueueAsync(never);

        // First deliveries: no row, even after the grace the runner gives a start still writing it. Nothing is dropped.
        var first = await queue.ReceiveAsync(2, TestTaskHub.LeaseDuration);
        Assert.Equal(2, first.Count);
        Assert.All(await Task.WhenAll(first.Select(i => runner.ProcessAsync(i))), o => Assert.Equal(WorkOutcome.Abandoned, o));
        Assert.Equal(2, await hub.QueueLengthAsync());

        // The slow start's row lands; when the messages come back, one runs and the other, still without a row, goes.
        Assert.True(await provider.GetRequiredService<InstanceStore>().TryInsertAsync(late, new Dictionary<string, object?>
        {
            [InstanceColumns.Name] = Gated,
            [InstanceColumns.Status] = nameof(OrchestrationStatus.Pending),
            [InstanceColumns.CreatedAt] = DateTimeOffset.UtcNow,
            [InstanceColumns.LastUpdatedAt] = DateTimeOffset.UtcNow,
            [InstanceColumns.Attempts] = 0,
        }));
        var again = await Eventually.Async(
            () => queue.ReceiveAsync(2, TestTaskHub.LeaseDuration), i => i.Count == 2, TimeSpan.FromSeconds(15), "both messages to come back");
        Assert.All(await Task.WhenAll(again.Select(i => runner.ProcessAsync(i))), o => Assert.Equal(WorkOutcome.Finished, o));

        Assert.Equal("done", (await client.GetAsync(late))?.Output?.GetString());
        Assert.Null(await client.GetAsync(never));
        Assert.Equal(0, await hub.QueueLengthAsync());
    }

    [Fact]
    public async Task ProcessAsync_TimerWithAFractionalDelay_IsNotWokenBeforeItsDeadline_AndTheFirstWakeUpFinishesIt()
    {
        await using var hub = new TestTaskHub(azurite, output);
        await using var provider = CreateEngine(hub, policy: null, Timer, async (context, _, _) =>
        {
            await context.DelayAsync(TimeSpan.FromMilliseconds(1900));
            return null;
        });
        var client = provider.GetRequiredService<DurableClient>();
        var queue = provider.GetRequiredService<WorkQueue>();
        var runner = provider.GetRequiredService<OrchestrationRunner>();
        var id = (await client.StartAsync(Timer, null)).InstanceId;
        Assert.Equal(WorkOutcome.Finished, await runner.ProcessAsync(Assert.Single(await queue.ReceiveAsync(1, TestTaskHub.LeaseDuration))));
        var deadline = Assert.Single((await client.GetAsync(id))!.PendingWaits).Deadline!.Value;

        // Queue delays count whole seconds: a wake-up rounded down would arrive while the timer still runs.
        var wakeUp = await Eventually.Async(
            () => queue.ReceiveAsync(1, TestTaskHub.LeaseDuration), items => items.Count > 0, TimeSpan.FromSeconds(10), "the timer's wake-up message",
            pollInterval: TimeSpan.FromMilliseconds(20));
        var receivedAt = DateTimeOffset.UtcNow;
        Assert.True(receivedAt >= deadline, $"The wake-up arrived at {receivedAt:O}, before the deadline {deadline:O}.");

        Assert.Equal(WorkOutcome.Finished, await runner.ProcessAsync(Assert.Single(wakeUp)));
        Assert.Equal(OrchestrationStatus.Completed, (await client.GetAsync(id))?.Status);
        Assert.Equal(0, await hub.QueueLengthAsync());
    }

    [Fact]
    public async Task ProcessAsync_TwoFirstDeliveries_BothReplayTheUnleasedRow_OnlyOneFirstWriteWins_AndTheStepRunsOnce()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var bothReplayed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        var executions = 0;
        await using var provider = CreateEngine(hub, policy: null, Gated, async (context, _, _) =>
        {
            // Neither run writes before both have read the row: the lease is taken by the first write, after this.
            if (Interlocked.Increment(ref arrived) == 2)
            {
                bothReplayed.TrySetResult();
            }

            await bothReplayed.Task.WaitAsync(TimeSpan.FromSeconds(10));
            await context.Step("once", () => Interlocked.Increment(ref executions));
            return null;
        });
        var client = provider.GetRequiredService<DurableClient>();
        var queue = provider.GetRequiredService<WorkQueue>();
        var runner = provider.GetRequiredService<OrchestrationRunner>();
        var id = (await client.StartAsync(Gated, null)).InstanceId;
        await queue.EnqueueAsync(id); // a duplicate work message, as a redelivery race or a janitor re-queue makes
        var items = await Eventually.Async(
            () => queue.ReceiveAsync(2, TestTaskHub.LeaseDuration), i => i.Count == 2, TimeSpan.FromSeconds(10), "both messages");
        Assert.All(items, i => Assert.Equal(1, i.DequeueCount));

        var outcomes = await Task.WhenAll(items.Select(i => runner.ProcessAsync(i)));

        Assert.Equal(2, arrived);
        Assert.Equal(1, executions);
        Assert.Contains(WorkOutcome.Finished, outcomes); // the loser is abandoned, or finds the instance already ended
        var done = await hub.ReadRecordAsync(id);
        Assert.Equal(OrchestrationStatus.Completed, done!.Status);
        Assert.Equal(1, done.Attempts);
    }

    /// <summary>An engine in this process with its worker disabled, so the test drives the runner message by message.</summary>
    private static ServiceProvider CreateEngine(TestTaskHub hub, HttpPipelinePolicy? policy, string name, OrchestrationFunction function)
    {
        var services = new ServiceCollection().AddLogging();
        services.AddDurableEngine(configure: o =>
            {
                o.ConnectionString = hub.ConnectionString;
                o.TaskHub = hub.Name;
                o.WorkerEnabled = false;
                o.LeaseDuration = TestTaskHub.LeaseDuration;
                if (policy is not null)
                {
                    o.ConfigureClientOptions = client => client.AddPolicy(policy, HttpPipelinePosition.PerCall);
                }
            })
            .AddOrchestration(name, function);
        return services.BuildServiceProvider();
    }

    private static List<string?> PendingEventNames(InstanceRecord record) =>
        JsonSerializer.Deserialize(record.PendingWaits ?? "[]", EngineJsonContext.Default.ListPendingWait)!.Select(w => w.EventName).Order(StringComparer.Ordinal).ToList();
}
