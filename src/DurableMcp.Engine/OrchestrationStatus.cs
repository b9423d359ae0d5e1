namespace DurableMcp.Engine;

/// <summary>The lifecycle state of an orchestration instance.</summary>
public enum OrchestrationStatus
{
    /// <summary>Recorded and queued; no worker has picked it up yet.</summary>
    Pending,

    /// <summary>A worker is running it, or it is between runs (after a crash, before a retry).</summary>
    Running,

    /// <summary>Terminal: the orchestration returned a result.</summary>
    Completed,

    /// <summary>Terminal: the orchestration threw, or its worker kept crashing.</summary>
    Failed,

    /// <summary>Terminal: cancellation was requested.</summary>
    Cancelled,
}

/// <summary>Helpers for <see cref="OrchestrationStatus"/>.</summary>
public static class OrchestrationStatusExtensions
{
    /// <summary>True for the states that never change again.</summary>
    public static bool IsTerminal(this OrchestrationStatus status) =>
        status is OrchestrationStatus.Completed or OrchestrationStatus.Failed or OrchestrationStatus.Cancelled;
}
