namespace DurableMcp.Engine.Worker;

/// <summary>What became of one work message a host delivered to <see cref="HostedWorker.ProcessAsync"/>.</summary>
public enum HostedWorkOutcome
{
    /// <summary>Done with: the instance ended or suspended, or the message was stale. The invocation succeeds and the host deletes the message.</summary>
    Finished,

    /// <summary>Another run holds the instance; a copy of the message was queued for when its lease expires. The invocation succeeds.</summary>
    Deferred,

    /// <summary>
    /// The time budget ran out: finished steps were checkpointed, the lease was released without counting an attempt, and a
    /// continuation message was queued. The invocation succeeds; the step that was in flight runs again in the continuation.
    /// </summary>
    Continued,

    /// <summary>The run stopped abnormally; the invocation must fail so that the host retries the message.</summary>
    Retry,
}
