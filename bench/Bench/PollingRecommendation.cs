using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>The settings this run's polling table argues for, with the reason, printed under the table.</summary>
internal static class PollingRecommendation
{
    public static IEnumerable<string> Describe(IReadOnlyList<PollingResult> polling, double targetMs)
    {
        var bothMeet = polling.Where(p => p.McpAfterIdle.P50 <= targetMs && p.RawAfterIdle.P50 <= targetMs).ToList();
        var local = bothMeet.Count > 0 ? bothMeet.MaxBy(p => p.Interval)! : polling.MinBy(p => p.RawAfterIdle.P50)!;
        yield return F($"Local (dotnet run, tests): {PollingPhase.Seconds(local.Interval)}: the largest setting at which an answer resumes within {targetMs:0} ms (p50) also when it reaches the task hub from another process; idle cost {local.IdleOperationsPerMinute:0} requests/min against a free emulator.");

        var mcpMeets = polling.Where(p => p.McpAfterIdle.P50 <= targetMs).ToList();
        var azure = mcpMeets.Count > 0 ? mcpMeets.MaxBy(p => p.Interval)! : local;
        yield return F($"Azure (host.json maxQueuePollingInterval): {PollingPhase.Seconds(azure.Interval)}: the largest setting at which an answer through the app's own endpoint resumes within {targetMs:0} ms (p50); idle cost {azure.IdleOperationsPerMinute:0} requests/min per instance ({azure.IdleOperationsPerMinute * 60 * 24 * 30 / 1e6:0.00} M per 30 days); an event arriving through another process waits up to the setting (p50 {azure.RawAfterIdle.P50:0} ms here).");
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
