using System.Collections.Concurrent;
using DurableMcp.Tasks.Durable;

namespace DurableMcp.Tasks.Tests;

/// <summary>Tasks held in memory for the watcher's tests, with every read counted.</summary>
internal sealed class FakeTaskReader : ITaskReader
{
    private readonly ConcurrentDictionary<string, TaskRecord> _tasks = new(StringComparer.Ordinal);

    public int VersionReads;
    public int FullReads;

    /// <summary>Called with the count of status reads so far, before each is answered: how a test moves its tasks on.</summary>
    public Action<int>? OnVersionRead { get; set; }

    /// <summary>Stores (or replaces) a task; null removes it.</summary>
    public void Set(string taskId, TaskRecord? task)
    {
        if (task is null)
        {
            _tasks.TryRemove(taskId, out _);
        }
        else
        {
            _tasks[taskId] = task;
        }
    }

    public Task<TaskVersion?> GetVersionAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var reads = Interlocked.Increment(ref VersionReads);
        OnVersionRead?.Invoke(reads);
        return Task.FromResult(_tasks.TryGetValue(taskId, out var task) ? new TaskVersion(task.Status, task.LastUpdatedAt) : (TaskVersion?)null);
    }

    public Task<TaskRecord?> GetAsync(string taskId, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref FullReads);
        return Task.FromResult(_tasks.GetValueOrDefault(taskId));
    }

    /// <summary>A task as Durable Functions would hand it back.</summary>
    public static TaskRecord Run(string taskId, TaskRunStatus status, DateTimeOffset lastUpdatedAt, string? message = null, DateTimeOffset? expiresAt = null, params string[] questions) => new()
    {
        TaskId = taskId,
        Tool = "tool",
        Status = status,
        StatusMessage = message,
        InputRequests = questions.ToDictionary(q => q, _ => new ModelContextProtocol.Protocol.InputRequest { Method = "elicitation/create" }, StringComparer.Ordinal),
        CreatedAt = lastUpdatedAt.AddMinutes(-1),
        LastUpdatedAt = lastUpdatedAt,
        ExpiresAt = expiresAt,
    };
}
