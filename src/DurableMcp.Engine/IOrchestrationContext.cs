namespace DurableMcp.Engine;

/// <summary>
/// What an orchestration sees while it runs. An orchestration may be run again from the top after a crash, a
/// redelivery, or a wait: completed operations (steps, event waits, timers) are then replayed from the journal
/// instead of executing again. Code between operations must therefore be deterministic: use
/// <see cref="CurrentUtcDateTime"/> and <see cref="NewGuid"/> instead of the clock and <see cref="Guid.NewGuid"/>,
/// do all I/O inside steps, and start operations in the same order on every run.
/// </summary>
public interface IOrchestrationContext
{
    /// <summary>The instance id.</summary>
    string InstanceId { get; }

    /// <summary>
    /// Fires when cancellation of the instance is requested. Checked at least at every step boundary;
    /// pass it to the I/O inside long steps.
    /// </summary>
    CancellationToken CancellationToken { get; }

    /// <summary>True while the orchestration is replaying operations already in the journal.</summary>
    bool IsReplaying { get; }

    /// <summary>
    /// Replay-safe time: the creation time of the instance until the first operation finishes, then the time the
    /// most recently reached operation finished. The same on every replay of sequential code.
    /// </summary>
    DateTimeOffset CurrentUtcDateTime { get; }

    /// <summary>Runs <paramref name="step"/> once and journals its result; on replay returns the journaled result.</summary>
    /// <param name="name">A name for the step; a replay that reaches a different name at the same position fails the instance.</param>
    /// <param name="step">The work. Its result must round-trip through System.Text.Json.</param>
    Task<T> StepAsync<T>(string name, Func<CancellationToken, Task<T>> step);

    /// <summary>
    /// Waits for the external event <paramref name="name"/> (an event raised before the wait is kept and returned at once).
    /// While only waits are outstanding the run ends and holds nothing in memory; the event, or the timeout, resumes
    /// the instance on whichever process picks it up.
    /// </summary>
    Task<EventWaitResult> WaitForEventAsync(string name, WaitOptions? options = null);

    /// <summary>A durable timer: completes at <paramref name="fireAt"/>, holding nothing in memory meanwhile.</summary>
    Task CreateTimerAsync(DateTimeOffset fireAt);

    /// <summary>Sets the status message that clients see (persisted at the next checkpoint).</summary>
    void SetStatus(string? message);

    /// <summary>A replay-safe id: the same sequence of values on every replay of this instance.</summary>
    Guid NewGuid();
}
