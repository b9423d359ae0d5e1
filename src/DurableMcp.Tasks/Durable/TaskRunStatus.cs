namespace DurableMcp.Tasks.Durable;

/// <summary>Where a task's orchestration stands, as the protocol layer needs to know it.</summary>
public enum TaskRunStatus
{
    /// <summary>Scheduled; not started yet.</summary>
    Pending,

    /// <summary>Running, waiting for an activity, a timer or an answer.</summary>
    Running,

    /// <summary>Ended with the tool's result.</summary>
    Completed,

    /// <summary>Ended with an error.</summary>
    Failed,

    /// <summary>Ended because it was cancelled (terminated).</summary>
    Cancelled,
}

/// <summary>Helpers on <see cref="TaskRunStatus"/>.</summary>
public static class TaskRunStatusExtensions
{
    /// <summary>True for the states a task never leaves.</summary>
    public static bool IsTerminal(this TaskRunStatus status) =>
        status is TaskRunStatus.Completed or TaskRunStatus.Failed or TaskRunStatus.Cancelled;
}
