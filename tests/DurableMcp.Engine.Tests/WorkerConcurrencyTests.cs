using DurableMcp.Engine.Storage;
using DurableMcp.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using TestWorker;
using Xunit.Abstractions;
using static DurableMcp.Engine.Tests.Infrastructure.TestTaskHub;

namespace DurableMcp.Engine.Tests;

/// <summary>
/// Guarantees: duplicate or redelivered messages never run one instance on two workers at once; and several worker
/// processes drain one task hub with no coordination beyond storage.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WorkerConcurrencyTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task DuplicateMessages_TwoWorkers_EachStepRunsExactlyOnce()
    {
        const int Steps = 4;
        await using var hub = new TestTaskHub(azurite, output);
        await Task.WhenAll(hub.StartWorkerAsync(), hub.StartWorkerAsync());

        var id = (await hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = Steps, stepDelayMs = 300 }))).InstanceId;
        var queue = hub.Services.GetRequiredService<WorkQueue>();
        for (var i = 0; i < 4; i++)
        {
            await queue.EnqueueAsync(id);
        }

        var done = await hub.WaitForTerminalAsync(id, TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationStatus.Completed, done.Status);
        Assert.Equal(Enumerable.Range(0, Steps).Sum(), done.Output!.Value.GetProperty("sum").GetInt32());
        var runs = await hub.StepLog.ReadAsync(id);
        Assert.Equal(Enumerable.Range(0, Steps), runs.Select(r => r.Step).Order());

        // The duplicates are dropped once they find the instance terminal (deferred ones after the lease they waited out).
        await Eventually.Async(hub.QueueLengthAsync, n => n == 0, TimeSpan.FromSeconds(20), "the duplicate messages to be dropped");
    }

    [Fact]
    public async Task TwoWorkerProcesses_Drain200Instances_EachStepOnce_BothDoingWork()
    {
        const int Instances = 200;
        const int Steps = 3;
        await using var hub = new TestTaskHub(azurite, output);
        var settings = new Dictionary<string, string> { ["DurableEngine__MaxConcurrentOrchestrations"] = "16" };
        var workers = await Task.WhenAll(hub.StartWorkerAsync(settings), hub.StartWorkerAsync(settings));

        var ids = new List<string>();
        foreach (var chunk in Enumerable.Range(0, Instances).Chunk(20))
        {
            var started = await Task.WhenAll(chunk.Select(_ => hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = Steps }))));
            ids.AddRange(started.Select(s => s.InstanceId));
        }

        await Eventually.Async(
            async () => (await hub.Client.QueryAsync(new InstanceQuery { Statuses = [OrchestrationStatus.Completed], PageSize = 1000 })).Instances.Count,
            completed => completed == Instances,
            TimeSpan.FromSeconds(90),
            $"all {Instances} instances to complete",
            pollInterval: TimeSpan.FromMilliseconds(500));

        var all = await hub.Client.QueryAsync(new InstanceQuery { PageSize = 1000 });
        Assert.Equal(ids.Order(StringComparer.Ordinal), all.Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(all.Instances, i => Assert.Equal(OrchestrationStatus.Completed, i.Status));

        var runs = await hub.StepLog.ReadAsync();
        Assert.Equal(Instances * Steps, runs.Count);
        Assert.All(runs.GroupBy(r => r.InstanceId), g => Assert.Equal(Enumerable.Range(0, Steps), g.Select(r => r.Step).Order()));
        Assert.Equal(ids.Order(StringComparer.Ordinal), runs.Select(r => r.InstanceId).Distinct().Order(StringComparer.Ordinal));

        // No coordination but storage, yet both processes took a share.
        var perWorker = workers.ToDictionary(w => w.Id, w => runs.Count(r => r.ProcessId == w.Id));
        Assert.Equal(runs.Count, perWorker.Values.Sum());
        Assert.All(perWorker, p => Assert.True(p.Value > 0, $"Worker pid {p.Key} ran no steps: {string.Join(", ", perWorker)}"));
        output.WriteLine($"Steps per worker: {string.Join(", ", perWorker)}");
    }
}
