namespace DurableMcp.Tasks.Durable;

/// <summary>The two reads a task watcher makes: a cheap one that tells whether a task changed, and the full one.</summary>
internal interface ITaskReader
{
    /// <summary>The task's <see cref="TaskVersion"/> (no inputs, outputs or custom status), or null when it does not exist.</summary>
    Task<TaskVersion?> GetVersionAsync(string taskId, CancellationToken cancellationToken = default);

    /// <summary>The whole task, or null when it does not exist or has expired.</summary>
    Task<TaskRecord?> GetAsync(string taskId, CancellationToken cancellationToken = default);
}
