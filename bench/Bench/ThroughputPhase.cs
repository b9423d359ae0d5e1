using System.Diagnostics;
using DurableMcp.Engine;

namespace DurableMcp.Bench;

/// <summary>
/// Creates a backlog through a front server whose worker is off, then starts worker processes on the same task hub
/// and waits until they have drained it. Throughput comes from the instances' own completion times; storage requests
/// from the servers' counters (the front's while creating, the workers' from their start until drained, so idle
/// polling after the drain is left out). Then the same storage work is done directly with the SDK, for comparison.
/// </summary>
internal static class ThroughputPhase
{
    private const string QueueDelete = "queue DELETE message";
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(120);

    public static async Task<ThroughputResult> RunAsync(
        ServerProcess front,
        Process azurite,
        RawStorageLoad raw,
        string connectionString,
        string taskHub,
        int workers,
        HttpClient http,
        BenchSettings settings,
        CancellationToken cancellationToken = default)
    {
        var creationOperations = await CreateBacklogAsync(front, http, settings, cancellationToken);
        await using var observer = new TaskHubObserver(connectionString, taskHub);
        if (await observer.IsDrainedAsync(cancellationToken))
        {
            throw new InvalidOperationException($"The backlog of {taskHub} is empty before any worker started.");
        }

        var processes = new List<ServerProcess>();
        OperationCounts workerOperations;
        double readySeconds, drainedSeconds;
        CpuSample atReady, atDrained;
        try
        {
            var started = Stopwatch.GetTimestamp();
            for (var i = 0; i < workers; i++)
            {
                processes.Add(ServerProcess.Start($"worker {i + 1}/{workers} of {taskHub}", connectionString, taskHub, workerEnabled: true));
            }

            await Task.WhenAll(processes.Select(p => p.WaitHealthyAsync(http, cancellationToken)));
            readySeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            atReady = CpuSample.Take(azurite, processes);
            while (true)
            {
                // Every finished task deletes its message once, so the counters say when to ask storage (cheap, and
                // keeps the bench's own queries from loading Azurite while the workers run).
                var counts = await Task.WhenAll(processes.Select(p => p.GetStorageOperationsAsync(http, cancellationToken)));
                if (counts.Sum(c => c[QueueDelete]) >= settings.Backlog && await observer.IsDrainedAsync(cancellationToken))
                {
                    atDrained = CpuSample.Take(azurite, processes);
                    drainedSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
                    workerOperations = counts.Aggregate(OperationCounts.Empty, (sum, c) => sum.Plus(c));
                    break;
                }

                if (processes.FirstOrDefault(p => p.HasExited) is { } exited)
                {
                    throw exited.Failed("exited during the drain");
                }

                if (Stopwatch.GetElapsedTime(started) > DrainTimeout)
                {
                    throw processes[0].Failed($"and its peers did not drain {settings.Backlog} tasks within {DrainTimeout.TotalSeconds} s");
                }

                await Task.Delay(50, cancellationToken);
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }

        var instances = await observer.ListAllAsync(cancellationToken);
        var completedAt = instances.Where(i => i.Status == OrchestrationStatus.Completed).Select(i => i.LastUpdatedAt).Order().ToList();

        // Right after the engine's drain, so both see the same machine: the same storage calls made directly.
        var mix = StorageMix.FromPerTask(creationOperations.Plus(workerOperations), settings.Backlog);
        var rawDrain = await raw.MeasureDrainAsync(mix, settings.Backlog, settings.RawConcurrency, settings.RawDuration, cancellationToken);
        return new ThroughputResult(
            workers, settings.Backlog, completedAt.Count, SteadyRate(completedAt), readySeconds, drainedSeconds, creationOperations, workerOperations,
            DrainCpu.Between(atReady, atDrained, completedAt.Count(t => t >= atReady.At)), PerSecond(completedAt), mix, rawDrain);
    }

    /// <summary>Completions in each second from the first one, for a look at warm-up and stalls.</summary>
    private static int[] PerSecond(IReadOnlyList<DateTimeOffset> completedAt)
    {
        if (completedAt.Count == 0)
        {
            return [];
        }

        var buckets = new int[(int)(completedAt[^1] - completedAt[0]).TotalSeconds + 1];
        foreach (var t in completedAt)
        {
            buckets[(int)(t - completedAt[0]).TotalSeconds]++;
        }

        return buckets;
    }

    private static async Task<OperationCounts> CreateBacklogAsync(ServerProcess front, HttpClient http, BenchSettings settings, CancellationToken cancellationToken)
    {
        var before = await front.GetStorageOperationsAsync(http, cancellationToken);
        var client = new McpTaskClient(http, front.McpEndpoint);
        var claimed = 0;
        await Task.WhenAll(Enumerable.Range(0, settings.BacklogCallers).Select(async _ =>
        {
            while (Interlocked.Increment(ref claimed) <= settings.Backlog)
            {
                await client.CreateRunStepsTaskAsync(settings.StepsPerTask, cancellationToken);
            }
        }));
        return (await front.GetStorageOperationsAsync(http, cancellationToken)).Minus(before);
    }

    /// <summary>Completions per second from the end of the first fifth (process start-up, JIT warm-up) to the last.</summary>
    private static double SteadyRate(IReadOnlyList<DateTimeOffset> completedAt)
    {
        if (completedAt.Count < 10)
        {
            return double.NaN;
        }

        var first = completedAt.Count / 5;
        var span = (completedAt[^1] - completedAt[first]).TotalSeconds;
        return span > 0 ? (completedAt.Count - 1 - first) / span : double.NaN;
    }
}
