using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>
/// The settings this run's polling table argues for, by two rules printed with their outcome. Both rest on what the table
/// shows: an answer that reaches the process running the task resumes at once at any setting (DurableTask.AzureStorage
/// wakes its own poller when it sends a message), so the setting only decides how long work from another process (a
/// second instance, a durable timer coming due) waits, and what an idle host costs.
/// </summary>
internal static class PollingRecommendation
{
    /// <summary>Locally a developer waits for cross-process work and timers: at most this, at p50.</summary>
    private const double LocalCrossProcessBoundMs = 1000;

    /// <summary>In Azure every request is billed and an always-ready instance polls all day: within this factor of the cheapest.</summary>
    private const double AzureIdleCostFactor = 2;

    public static IEnumerable<string> Describe(IReadOnlyList<PollingResult> polling, double targetMs)
    {
        var sameProcessMeets = polling.All(p => p.McpAfterIdle.P50 <= targetMs);
        yield return F($"Answers through the server that runs the task: p50 {(sameProcessMeets ? "within" : "NOT within")} {targetMs:0} ms at every setting ({string.Join(", ", polling.Select(p => F($"{PollingPhase.Seconds(p.Interval)}: {p.McpAfterIdle.P50:0} ms")))}); events from another process wait for the next poll: {string.Join(", ", polling.Select(p => F($"{PollingPhase.Seconds(p.Interval)}: {p.RawAfterIdle.P50:0} ms")))}.");

        var local = polling.Where(p => p.RawAfterIdle.P50 <= LocalCrossProcessBoundMs).DefaultIfEmpty(polling.MinBy(p => p.RawAfterIdle.P50)!).MaxBy(p => p.Interval)!;
        yield return F($"Local (dotnet run, tests): {PollingPhase.Seconds(local.Interval)}: the longest setting at which work from another process (a second local server, a test, a durable timer) still resumes within {LocalCrossProcessBoundMs / 1000:0} s at p50 ({local.RawAfterIdle.P50:0} ms); idle cost {local.IdleOperationsPerMinute:0} requests/min against a free emulator.");

        var cheapest = polling.Min(p => p.IdleOperationsPerMinute);
        var azure = polling.Where(p => p.IdleOperationsPerMinute <= AzureIdleCostFactor * cheapest).MinBy(p => p.Interval)!;
        yield return F($"Azure (host.json extensions.durableTask.storageProvider.maxQueuePollingInterval): {PollingPhase.Seconds(azure.Interval)}: the shortest setting whose idle cost is within {AzureIdleCostFactor:0}x of the cheapest measured ({azure.IdleOperationsPerMinute:0} against {cheapest:0} requests/min; {azure.IdleOperationsPerMinute * 60 * 24 * 30 / 1e6:0.0} M requests per always-ready instance per 30 days); longer settings save little because the partition and app leases (about 30 requests/min) stay, while work from another instance waits longer (p50 {azure.RawAfterIdle.P50:0} ms here).");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
