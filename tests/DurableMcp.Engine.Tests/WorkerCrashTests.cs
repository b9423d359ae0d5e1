using System.Diagnostics;
using DurableMcp.Engine.Tests.Infrastructure;
using TestWorker;
using Xunit.Abstractions;
using static DurableMcp.Engine.Tests.Infrastructure.TestTaskHub;

namespace DurableMcp.Engine.Tests;

/// <summary>
/// Guarantees: an instance survives its worker process (kill -9), re-running at most the step in flight; and an
/// instance that keeps crashing its worker ends failed after a bounded number of attempts while other work flows.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerCrashTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task KilledWorker_AnotherWorkerFinishes_AndOnlyTheStepInFlightRunsTwice()
    {
        const int Steps = 6;
        await using var hub = new TestTaskHub(azurite, output);
        var id = (await hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = Steps, stepDelayMs = 600 }))).InstanceId;
        var workerA = await hub.StartWorkerAsync();

        // Steps 0 and 1 are done once step 2 has started; kill while step 2 is in flight.
        await Eventually.Async(
            () => hub.StepLog.ReadAsync(id), runs => runs.Any(r => r.Step >= 2), TimeSpan.FromSeconds(30), "worker A to reach step 2");
        workerA.Kill();
        Assert.Equal(OrchestrationStatus.Running, (await hub.Client.GetAsync(id))?.Status);

        var workerB = await hub.StartWorkerAsync();
        var done = await hub.WaitForTerminalAsync(id, TimeSpan.FromSeconds(45));

        Assert.Equal(OrchestrationStatus.Completed, done.Status);
        Assert.Equal(Steps, done.Output!.Value.GetProperty("completed").GetInt32());
        Assert.Equal(Enumerable.Range(0, Steps).Sum(), done.Output.Value.GetProperty("sum").GetInt32());
        Assert.Equal($"{Steps} / {Steps} steps", done.StatusMessage);

        var runs = await hub.StepLog.ReadAsync(id);
        output.WriteLine($"Step executions (step@pid): {string.Join(", ", runs.OrderBy(r => r.Step).Select(r => $"{r.Step}@{r.ProcessId}"))}");
        Assert.Equal(Enumerable.Range(0, Steps), runs.Select(r => r.Step).Distinct().Order());

        // A wrote nothing after it died, so its last logged step is the one it had in flight.
        var inFlight = runs.Where(r => r.ProcessId == workerA.Id).Max(r => r.Step);
        Assert.All(runs, r => Assert.Contains(r.ProcessId, new[] { workerA.Id, workerB.Id }));
        for (var step = 0; step < Steps; step++)
        {
            var executions = runs.Where(r => r.Step == step).ToList();
            if (step < inFlight)
            {
                // Completed before the kill: ran exactly once, on A, and was replayed from the journal on B.
                Assert.Equal([workerA.Id], executions.Select(r => r.ProcessId));
            }
            else if (step == inFlight)
            {
                // Interrupted: A's execution may be lost with its journal, and then B runs it again, once.
                Assert.InRange(executions.Count, 1, 2);
                Assert.Contains(workerA.Id, executions.Select(r => r.ProcessId));
                Assert.Equal(executions.Count, executions.Select(r => r.ProcessId).Distinct().Count());
            }
            else
            {
                Assert.Equal([workerB.Id], executions.Select(r => r.ProcessId));
            }
        }

        Assert.True(inFlight >= 2, $"A was killed in step {inFlight}.");
        Assert.Contains(runs, r => r.ProcessId == workerB.Id);
    }

    private const int MaxAttempts = 2;

    [Theory]
    [InlineData(OrchestrationNames.Crash, MaxAttempts)]

    // A first delivery takes the lease with the run's first write, so a crash before it is not counted; the redelivery
    // leases first and counts: one crash more, but still poison, not an endless loop.
    [InlineData(OrchestrationNames.CrashBeforeAnyStep, MaxAttempts + 1)]
    public async Task CrashingInstance_FailsAsPoisonAfterMaxAttempts_WhileOtherInstancesComplete(string orchestration, int expectedCrashes)
    {

        // One instance per worker at a time, so the healthy instance never shares a process the poison one kills.
        var settings = new Dictionary<string, string>
        {
            ["DurableEngine__MaxAttempts"] = MaxAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["DurableEngine__MaxConcurrentOrchestrations"] = "1",
        };
        await using var hub = new TestTaskHub(azurite, output);
        var poison = (await hub.Client.StartAsync(orchestration, null)).InstanceId;
        var healthy = (await hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = 2 }))).InstanceId;

        // Run workers one after another, replacing each one that dies, until both instances have ended.
        var crashed = new List<WorkerProcess>();
        var worker = hub.StartWorker(settings);
        var deadline = Stopwatch.StartNew();
        OrchestrationInstance? poisonState = null, healthyState = null;
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (worker.HasExited)
            {
                await worker.WaitForExitAsync(TimeSpan.FromSeconds(5)); // flushes its captured output
                crashed.Add(worker);
                worker = hub.StartWorker(settings);
            }

            poisonState = await hub.Client.GetAsync(poison);
            healthyState = await hub.Client.GetAsync(healthy);
            if (poisonState?.Status.IsTerminal() == true && healthyState?.Status.IsTerminal() == true)
            {
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(OrchestrationStatus.Failed, poisonState?.Status);
        Assert.Equal("PoisonInstance", poisonState!.Failure?.ErrorType);
        Assert.Contains($"abandoned {MaxAttempts} times", poisonState.Failure!.Message, StringComparison.Ordinal);
        Assert.Equal(OrchestrationStatus.Completed, healthyState?.Status);
        Assert.Equal([0, 1], (await hub.StepLog.ReadAsync(healthy)).Select(r => r.Step).Order());

        // Every attempt took a worker down with it, by the orchestration's own FailFast; the worker that found the
        // attempts used up failed the instance without running it, and lives on.
        Assert.Equal(expectedCrashes, crashed.Count);
        Assert.All(crashed, w => Assert.Contains($"Instance {poison} crashes its worker on purpose.", w.Output, StringComparison.Ordinal));
        Assert.False(worker.HasExited);
        await Eventually.Async(hub.QueueLengthAsync, n => n == 0, TimeSpan.FromSeconds(15), "the poison message to be deleted");
    }
}
