using DurableMcp.Tasks.Durable;

namespace DurableMcp.Tasks.Sources;

/// <summary>
/// Reads earlier tasks for a tool that builds on their outputs (a report from an ETL run, say), under the owner binding
/// of <c>tasks/*</c>: a task of another caller, an expired one and an unknown one all read as null, so nobody learns
/// whether someone else's id exists. Used before a task exists (the caller's identity) and by activities at run time
/// (the identity recorded on the task that reads, since an activity has no caller of its own).
/// </summary>
public sealed class TaskSourceReader
{
    private readonly TaskStore _store;

    internal TaskSourceReader(TaskStore store) => _store = store;

    /// <summary>The task <paramref name="taskId"/> if <paramref name="owner"/> may read it (null: anonymous); otherwise null.</summary>
    public async Task<TaskSource?> FindAsync(string? taskId, string? owner, CancellationToken cancellationToken = default)
    {
        // An id of another owner's prefix (or no id at all) is refused without a storage read, as tasks/get does.
        if (!TaskIds.IsWellFormed(taskId) || (owner is not null && !TaskIds.CanBelongTo(taskId, owner)))
        {
            return null;
        }

        var task = await _store.GetAsync(taskId!, cancellationToken);
        return task is null || !CallerOwner.Owns(owner, task.Owner) || TaskTags.IsInline(task.Tags)
            ? null
            : new TaskSource(task.TaskId, task.Tool, task.Status, task.Output);
    }

    /// <summary>
    /// The task <paramref name="taskId"/> as the owner of task <paramref name="readerTaskId"/> may see it: for an activity
    /// of the reading task, which re-checks its sources when it runs (a source may have expired or been purged since).
    /// Null when the reading task itself is gone, or as <see cref="FindAsync"/>.
    /// </summary>
    public async Task<TaskSource?> FindForTaskAsync(string taskId, string readerTaskId, CancellationToken cancellationToken = default)
    {
        var reader = await _store.GetEvenIfExpiredAsync(readerTaskId, cancellationToken);
        return reader is null ? null : await FindAsync(taskId, reader.Owner, cancellationToken);
    }
}
