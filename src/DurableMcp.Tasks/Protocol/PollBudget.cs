using System.Globalization;
using System.Threading.RateLimiting;

namespace DurableMcp.Tasks.Protocol;

/// <summary>
/// How fast one caller may poll one task: a token bucket refilled at four times the suggested rate (one poll per
/// <c>pollIntervalMs / 4</c>) with a burst of <see cref="Burst"/>. One definition for the HTTP front door (2026-07-28
/// requests, addressed by their <c>Mcp-Name</c> header) and for <see cref="Protocol2025.InitializeRevisionPollThrottle"/>
/// (2025-11-25 requests, which carry no such header).
/// </summary>
public static class PollBudget
{
    /// <summary>Polls allowed at once before the refill rate applies.</summary>
    public const int Burst = 20;

    /// <summary>The JSON-RPC error code of a throttled poll (server-defined range).</summary>
    public const int ErrorCode = ServerErrorCodes.Refused;

    /// <summary>The bucket of one caller's polls of one task.</summary>
    public static TokenBucketRateLimiterOptions For(TimeSpan pollInterval) => new()
    {
        TokenLimit = Burst,
        TokensPerPeriod = 1,
        ReplenishmentPeriod = pollInterval / 4,
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    /// <summary>What a throttled caller is told.</summary>
    public static string Message(string taskId, TimeSpan pollInterval) => string.Create(
        CultureInfo.InvariantCulture,
        $"Task '{taskId}' is polled far faster than its pollIntervalMs ({pollInterval.TotalMilliseconds:0}); wait and poll at that interval.");
}
