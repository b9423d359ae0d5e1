namespace DurableMcp.Tasks.Outputs;

/// <summary>
/// Where long tools keep their output files, one folder per task. The task layer serves them through
/// <c>resources/read</c> (after its owner and expiry checks) and deletes a task's folder when it purges the task; the
/// tools' activities write them. The task layer knows no storage: the host supplies the implementation.
/// </summary>
public interface ITaskOutputStore
{
    /// <summary>
    /// Reads at most <paramref name="maxBytes"/> bytes of output <paramref name="name"/> of task <paramref name="taskId"/>
    /// from byte <paramref name="offset"/>, streamed from storage (never more than asked for is held in memory). Null when
    /// the output does not exist.
    /// </summary>
    Task<TaskOutputPage?> ReadAsync(string taskId, string name, long offset, int maxBytes, CancellationToken cancellationToken = default);

    /// <summary>Deletes every output of task <paramref name="taskId"/> (none is fine). Returns how many were deleted.</summary>
    Task<int> DeleteAllAsync(string taskId, CancellationToken cancellationToken = default);
}
