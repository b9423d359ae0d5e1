using Microsoft.Extensions.Logging;

namespace DurableMcp.Engine.Logging;

/// <summary>The engine's log events; EventIds 1000-1099 are reserved for the engine and kept here.</summary>
internal static partial class EngineLog
{
    [LoggerMessage(1000, LogLevel.Information, "Started orchestration {Name} as {InstanceId} for {Owner}")]
    public static partial void Started(ILogger logger, string name, string instanceId, string? owner);

    [LoggerMessage(1001, LogLevel.Information, "Instance {InstanceId} of {Owner} ended {Status}")]
    public static partial void Ended(ILogger logger, string instanceId, OrchestrationStatus status, string? owner);

    [LoggerMessage(1002, LogLevel.Information, "Cancellation of {InstanceId} requested")]
    public static partial void CancelRequested(ILogger logger, string instanceId);

    [LoggerMessage(1003, LogLevel.Information, "Purged instance {InstanceId} of {Owner} ({Blobs} blobs)")]
    public static partial void Purged(ILogger logger, string instanceId, int blobs, string? owner);

    [LoggerMessage(1010, LogLevel.Debug, "Instance {InstanceId} is leased by another run until {LeaseExpiresAt}; deferring the message")]
    public static partial void Deferred(ILogger logger, string instanceId, DateTimeOffset leaseExpiresAt);

    [LoggerMessage(1011, LogLevel.Warning, "Run of {InstanceId} stopped: {Reason}")]
    public static partial void Aborted(ILogger logger, string instanceId, string reason);

    [LoggerMessage(1012, LogLevel.Information, "Dropped the late result of {InstanceId}: the instance is already {Status}")]
    public static partial void LateResultDropped(ILogger logger, string instanceId, OrchestrationStatus status);

    [LoggerMessage(1013, LogLevel.Error, "Instance {InstanceId} failed as poison after {Attempts} abnormal runs")]
    public static partial void Poisoned(ILogger logger, string instanceId, int attempts);

    [LoggerMessage(1014, LogLevel.Error, "Processing a work message for {InstanceId} failed; it will be retried")]
    public static partial void ProcessingFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(1015, LogLevel.Debug, "Resuming {InstanceId} at attempt {Attempt} with {Replayed} journaled steps")]
    public static partial void Resuming(ILogger logger, string instanceId, int attempt, int replayed);

    [LoggerMessage(1016, LogLevel.Information, "Instance {InstanceId} suspended, waiting for {Waits} events or timers")]
    public static partial void Suspended(ILogger logger, string instanceId, int waits);

    [LoggerMessage(1004, LogLevel.Information, "Event {EventName} ({EventKey}) raised on {InstanceId}: {Result}")]
    public static partial void EventRaised(ILogger logger, string eventName, string eventKey, string instanceId, RaiseEventResult result);

    [LoggerMessage(1017, LogLevel.Information, "A work message for {InstanceId} arrived before its row; it comes back once more before it is dropped")]
    public static partial void RowNotFound(ILogger logger, string instanceId);

    [LoggerMessage(1020, LogLevel.Error, "The queue poller failed; retrying after {Delay}")]
    public static partial void PollFailed(ILogger logger, Exception exception, TimeSpan delay);

    [LoggerMessage(1022, LogLevel.Warning, "Purging expired instances failed; retrying at the next interval")]
    public static partial void PurgeFailed(ILogger logger, Exception exception);

    [LoggerMessage(1021, LogLevel.Information, "Queue worker started (concurrency {Concurrency}, lease {Lease})")]
    public static partial void WorkerStarted(ILogger logger, int concurrency, TimeSpan lease);

    // 1040-1049: the worker side for a host that owns the work queue (HostedWorker).
    [LoggerMessage(1040, LogLevel.Information, "Host-delivered message for {InstanceId} (delivery {DequeueCount}): {Outcome}")]
    public static partial void HostedMessageProcessed(ILogger logger, string instanceId, long dequeueCount, Worker.HostedWorkOutcome outcome);

    [LoggerMessage(1041, LogLevel.Warning, "The run of {InstanceId} stopped before it could hand the instance back; the host will retry the message")]
    public static partial void HostedRunStopped(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(1042, LogLevel.Warning, "Moved the work message of {InstanceId} back from the host's poison queue; the engine's attempt count decides when it is poison")]
    public static partial void RecoveredFromPoison(ILogger logger, string instanceId);

    [LoggerMessage(1043, LogLevel.Information, "Janitor pass: {Purged} expired instances purged, {Requeued} stranded re-queued, {Recovered} recovered from the poison queue")]
    public static partial void JanitorPass(ILogger logger, int purged, int requeued, int recovered);
}
