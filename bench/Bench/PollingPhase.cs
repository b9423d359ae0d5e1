using System.Diagnostics;
using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>
/// <c>maxQueuePollingInterval</c> against resume latency and idle cost. One fresh server per setting, side by side on
/// task hubs of their own, each behind its own proxy (they share nothing but Azurite, so their counts and waits do not
/// mix). Per server: answers given at once (the engine's pollers still fast), then answers given after the host went
/// idle (its pollers backed off to the setting, as when a person takes minutes to answer), through MCP and raw; then,
/// with no work at all, its storage requests over an idle window. Probes take turns: while one server asks, or is
/// answered and timed, the others wait; only the idle waits run side by side (letting them overlap too made the
/// answers given at once about 1 s slower: four servers running tasks on two cores).
/// </summary>
internal static class PollingPhase
{
    private const int WarmupProbes = 1;

    public static async Task<IReadOnlyList<PollingResult>> RunAsync(BenchContext bench, CancellationToken cancellationToken = default)
    {
        await ResumeProbe.UploadDocumentAsync(bench, cancellationToken);
        var intervals = bench.Settings.PollingIntervals;
        var tenants = new List<Tenant>();
        try
        {
            foreach (var (interval, i) in intervals.Select((interval, i) => (interval, i)))
            {
                tenants.Add(await Tenant.StartAsync(bench, $"server (maxQueuePollingInterval {Seconds(interval)})", $"benchpoll{i}", workerEnabled: true, interval, cancellationToken));
            }

            using var quiet = new SemaphoreSlim(1);
            return await Task.WhenAll(tenants.Select((tenant, i) => MeasureAsync(bench, tenant, intervals[i], quiet, cancellationToken)));
        }
        finally
        {
            foreach (var tenant in tenants)
            {
                await tenant.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// How long to leave a host alone so that its queue pollers have backed off all the way: the engine's backoff starts at
    /// 50 ms and about doubles per empty poll up to the setting (about 13 s to reach 10 s, 7 s to reach 5 s); one and a
    /// half times the setting plus 2 s gets there, so an answer then lands at a random point of a full interval.
    /// </summary>
    public static TimeSpan Settle(TimeSpan interval) => (1.5 * interval) + TimeSpan.FromSeconds(2);

    private static async Task<PollingResult> MeasureAsync(BenchContext bench, Tenant tenant, TimeSpan interval, SemaphoreSlim quiet, CancellationToken cancellationToken)
    {
        var settings = bench.Settings;
        var mcp = new McpTaskClient(bench.Http, tenant.Server.McpEndpoint);
        for (var i = 0; i < WarmupProbes; i++)
        {
            await ResumeProbe.RunAsync(tenant, mcp, viaMcp: true, TimeSpan.Zero, quiet, cancellationToken);
            await ResumeProbe.RunAsync(tenant, mcp, viaMcp: false, TimeSpan.Zero, quiet, cancellationToken);
        }

        var atOnce = new List<double>();
        for (var i = 0; i < settings.ResumeRoundsAtOnce; i++)
        {
            atOnce.Add(await ResumeProbe.RunAsync(tenant, mcp, viaMcp: true, TimeSpan.Zero, quiet, cancellationToken));
        }

        var settle = Settle(interval);
        var mcpAfterIdle = new List<double>();
        var rawAfterIdle = new List<double>();
        for (var i = 0; i < settings.ResumeRoundsAfterIdle; i++)
        {
            foreach (var viaMcp in i % 2 == 0 ? new[] { true, false } : [false, true])
            {
                (viaMcp ? mcpAfterIdle : rawAfterIdle).Add(await ResumeProbe.RunAsync(tenant, mcp, viaMcp, settle, quiet, cancellationToken));
            }
        }

        bench.Progress($"  {Seconds(interval)}: resume through MCP at once p50 {Median(atOnce):0} ms, after idle p50 {Median(mcpAfterIdle):0} ms; " +
                       $"raw after idle p50 {Median(rawAfterIdle):0} ms; now {settle.TotalSeconds:0} s to go idle, then {settings.IdleWindow.TotalSeconds:0} s counted");

        // The last answered task finishes its last activity within a moment; then the pollers back off again.
        await Task.Delay(settle, cancellationToken);
        var serverBefore = tenant.ServerStorage.Snapshot();
        var rawBefore = tenant.RawStorage.Snapshot();
        var window = Stopwatch.StartNew();
        await Task.Delay(settings.IdleWindow, cancellationToken);
        var serverIdle = tenant.ServerStorage.Snapshot().Minus(serverBefore);
        var rawIdle = tenant.RawStorage.Snapshot().Minus(rawBefore);
        return new PollingResult(
            interval,
            LatencyStats.From(atOnce),
            LatencyStats.From(mcpAfterIdle),
            LatencyStats.From(rawAfterIdle),
            serverIdle,
            rawIdle,
            window.Elapsed);
    }

    public static string Seconds(TimeSpan interval) => string.Create(CultureInfo.InvariantCulture, $"{interval.TotalSeconds:0.##} s");

    private static double Median(List<double> values) => LatencyStats.From(values).P50;
}
