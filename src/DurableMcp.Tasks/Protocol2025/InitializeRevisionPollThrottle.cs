using System.Threading.RateLimiting;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Logging;
using DurableMcp.Tasks.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>
/// The <see cref="PollBudget"/> for 2025-11-25 <c>tasks/get</c>: those requests name their task only in the body, so
/// the HTTP front door cannot tell them apart; they are counted here, keyed by caller and task, before any storage read.
/// </summary>
internal sealed class InitializeRevisionPollThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly TimeSpan _pollInterval;
    private readonly ILogger<InitializeRevisionPollThrottle> _logger;

    public InitializeRevisionPollThrottle(IOptions<DurableTasksOptions> options, ILogger<InitializeRevisionPollThrottle> logger)
    {
        _pollInterval = options.Value.PollInterval;
        _logger = logger;
        var bucket = PollBudget.For(_pollInterval);
        _limiter = PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket));
    }

    /// <exception cref="McpProtocolException">The caller polls this task far faster than its poll interval.</exception>
    public void ThrowIfTooFast(string? caller, string taskId)
    {
        using var lease = _limiter.AttemptAcquire($"{caller}|{taskId}");
        if (!lease.IsAcquired)
        {
            TasksLog.PollThrottled(_logger, taskId, caller);
            throw new McpProtocolException(PollBudget.Message(taskId, _pollInterval), (McpErrorCode)PollBudget.ErrorCode);
        }
    }

    public void Dispose() => _limiter.Dispose();
}
