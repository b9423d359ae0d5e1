using System.Diagnostics;
using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>
/// Sustained load on one local host (its worker on, identity on with development tokens, so every caller has its own
/// tasks, limits and poll budget): <see cref="BenchSettings.LoadCallers"/> callers for <see cref="BenchSettings.LoadDuration"/>
/// doing what users do with tasks (<see cref="LoadCaller"/>), while the server's memory, threads and handles are read
/// every few seconds. When the time is up the callers finish the round they are in; then every task created must be
/// terminal (the drain). Nothing is asserted: the report says what was seen.
/// </summary>
internal static class LoadPhase
{
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan DrainPatience = TimeSpan.FromMinutes(2);

    /// <summary>The bench servers' <c>McpTasks:PollInterval</c> (see <see cref="ServerProcess"/>): the callers poll at it.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(100);

    public static async Task<LoadResult> RunAsync(BenchContext bench, CancellationToken cancellationToken = default)
    {
        var callers = bench.Settings.LoadCallers;
        var tokens = Enumerable.Range(0, callers).Select(i => string.Create(CultureInfo.InvariantCulture, $"loadtoken{i}")).ToList();
        var settings = tokens.ToDictionary(t => $"Identity__DevTokens__{t}", t => t.Replace("token", "caller", StringComparison.Ordinal));
        settings["Identity__Mode"] = "DevToken";
        await ResumeProbe.UploadDocumentAsync(bench, cancellationToken);
        await using var tenant = await Tenant.StartAsync(bench, "server (worker on, callers with tokens)", "benchload", workerEnabled: true, null, cancellationToken, settings, counted: false);

        var recorder = new LoadRecorder();
        var clients = tokens.Select(t => new McpTaskClient(bench.Http, tenant.Server.McpEndpoint, t)).ToList();
        var started = Stopwatch.GetTimestamp();
        using var stop = new CancellationTokenSource(bench.Settings.LoadDuration);
        using var sampling = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var footprint = SampleAsync(tenant.Server, started, sampling.Token);
        var loadCallers = clients.Select(client => new LoadCaller(client, recorder, PollInterval)).ToList();
        await Task.WhenAll(loadCallers.Select((caller, i) => caller.RunAsync(i, stop.Token, cancellationToken)));
        bench.Progress($"load: {recorder.Outcomes().Count} tasks created; waiting until every one is terminal");

        var drainStarted = Stopwatch.GetTimestamp();
        await Task.WhenAll(loadCallers.Select(caller => caller.DrainAsync(DrainPatience, cancellationToken)));
        var drain = Stopwatch.GetElapsedTime(drainStarted);
        await sampling.CancelAsync();
        return new LoadResult(
            callers,
            bench.Settings.LoadDuration,
            WarmUp(bench.Settings.LoadDuration),
            recorder.Latencies(),
            recorder.Errors(),
            recorder.Outcomes(),
            recorder.Surprises(),
            await footprint,
            drain);
    }

    /// <summary>The first quarter of the run, at most 30 s: JIT, pools and caches fill; footprint after it should stay flat.</summary>
    public static TimeSpan WarmUp(TimeSpan duration) => TimeSpan.FromTicks(Math.Min(duration.Ticks / 4, TimeSpan.FromSeconds(30).Ticks));

    private static async Task<IReadOnlyList<ProcessFootprint>> SampleAsync(ServerProcess server, long started, CancellationToken cancellationToken)
    {
        var samples = new List<ProcessFootprint>();
        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            do
            {
                if (ProcessFootprint.Read(server.ProcessId, Stopwatch.GetElapsedTime(started)) is { } sample)
                {
                    samples.Add(sample);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // The run is over: the samples so far are the result.
        }

        return samples;
    }
}
