using System.Diagnostics;

namespace DurableMcp.Bench;

/// <summary>
/// Sequential <c>tools/call</c> (as a task) and <c>tasks/get</c> round trips against a front server whose worker is
/// off, so no background work competes; timed in the bench, loopback HTTP included.
/// </summary>
internal static class LatencyPhase
{
    /// <summary>Creates of the fresh server reported on their own: what the first callers after a start see.</summary>
    public const int FreshCreates = 100;

    public static async Task<LatencyResult> RunAsync(
        ServerProcess front, Process azurite, HttpClient http, BenchSettings settings, CancellationToken cancellationToken = default)
    {
        var client = new McpTaskClient(http, front.McpEndpoint);
        var freshTimes = new List<double>();
        for (var i = 0; i < settings.WarmupCalls; i++)
        {
            var created = Stopwatch.GetTimestamp();
            var id = await client.CreateRunStepsTaskAsync(settings.StepsPerTask, cancellationToken);
            if (freshTimes.Count < FreshCreates)
            {
                freshTimes.Add(Stopwatch.GetElapsedTime(created).TotalMilliseconds);
            }

            await client.GetTaskStatusAsync(id, cancellationToken);
            await client.ListToolsAsync(cancellationToken);
        }

        var beforeCreates = await front.GetStorageOperationsAsync(http, cancellationToken);
        var cpuBefore = CpuSample.Take(azurite, [front]);
        var ids = new List<string>(settings.LatencyCalls);
        var createTimes = new List<double>(settings.LatencyCalls);
        for (var i = 0; i < settings.LatencyCalls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            ids.Add(await client.CreateRunStepsTaskAsync(settings.StepsPerTask, cancellationToken));
            createTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        var afterCreates = await front.GetStorageOperationsAsync(http, cancellationToken);
        var getTimes = new List<double>(settings.LatencyCalls);
        for (var i = 0; i < settings.LatencyCalls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            var status = await client.GetTaskStatusAsync(ids[i], cancellationToken);
            getTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            if (status != "working")
            {
                throw new InvalidOperationException($"Task {ids[i]} is '{status}', but nothing runs it; expected 'working'.");
            }
        }

        var afterGets = await front.GetStorageOperationsAsync(http, cancellationToken);
        var listTimes = new List<double>(settings.LatencyCalls);
        for (var i = 0; i < settings.LatencyCalls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await client.ListToolsAsync(cancellationToken);
            listTimes.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new LatencyResult(
            LatencyStats.From(createTimes),
            freshTimes.Count > 0 ? LatencyStats.From(freshTimes) : null,
            LatencyStats.From(getTimes),
            LatencyStats.From(listTimes),
            afterCreates.Minus(beforeCreates).Total / (double)settings.LatencyCalls,
            afterGets.Minus(afterCreates).Total / (double)settings.LatencyCalls,
            CpuSample.OtherCores(cpuBefore, CpuSample.Take(azurite, [front])));
    }
}
