namespace DurableMcp.Bench;

/// <summary>One <c>maxQueuePollingInterval</c> setting: resume latencies and what the host costs when idle.</summary>
/// <param name="Interval">The setting.</param>
/// <param name="McpAtOnce">tasks/update -> working, answered as soon as the question showed.</param>
/// <param name="McpAfterIdle">tasks/update -> working, answered after the host's pollers backed off to the setting.</param>
/// <param name="RawAfterIdle">RaiseEventAsync from the bench process -> no open question, after the same idle time.</param>
/// <param name="IdleOperations">The server's storage requests over the idle window.</param>
/// <param name="RawClientIdleOperations">The raw client's (API-only sidecar) storage requests over the same window.</param>
/// <param name="IdleWindow">How long the idle window was.</param>
internal sealed record PollingResult(
    TimeSpan Interval,
    LatencyStats McpAtOnce,
    LatencyStats McpAfterIdle,
    LatencyStats RawAfterIdle,
    OperationCounts IdleOperations,
    OperationCounts RawClientIdleOperations,
    TimeSpan IdleWindow)
{
    public double IdleOperationsPerMinute => IdleOperations.Total / IdleWindow.TotalMinutes;

    public double RawClientIdleOperationsPerMinute => RawClientIdleOperations.Total / IdleWindow.TotalMinutes;
}
