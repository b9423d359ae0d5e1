namespace DurableMcp.Tasks.Durable;

/// <summary>
/// What the cheapest read of a task says: the orchestration's run status and when Durable Functions last wrote it.
/// Every step that can change what a client sees (a new status message or question, an answer taken, the end) is an
/// orchestration episode, which moves <see cref="LastUpdatedAt"/>; so an unchanged version means an unchanged task.
/// </summary>
internal readonly record struct TaskVersion(TaskRunStatus Status, DateTimeOffset LastUpdatedAt);
