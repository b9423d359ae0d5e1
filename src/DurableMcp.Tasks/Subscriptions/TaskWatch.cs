using DurableMcp.Tasks.Durable;

namespace DurableMcp.Tasks.Subscriptions;

/// <summary>
/// The tasks one stream watches, observed from Durable Functions alone (any instance may hold the stream; nothing of a
/// task is kept in the memory of the process that runs it). Each <see cref="PollAsync"/> reads every watched task's
/// <see cref="TaskVersion"/> (one status read, no payloads) and reads the whole task only when that version moved; a
/// task is reported when what a client sees of it changed (<see cref="TaskView"/>). Terminal, vanished and expired tasks
/// stop being watched. Not thread-safe: one stream polls it at a time.
/// </summary>
internal sealed class TaskWatch(ITaskReader reader, TimeProvider time)
{
    private readonly List<Watched> _watched = [];
    private int _versionReads;
    private int _fullReads;

    /// <summary>Tasks still watched (not terminal, not gone).</summary>
    public int Count => _watched.Count;

    /// <summary>Status reads made so far (one per watched task per poll).</summary>
    public int VersionReads => Volatile.Read(ref _versionReads);

    /// <summary>Full reads made so far (one per task whose version moved).</summary>
    public int FullReads => Volatile.Read(ref _fullReads);

    /// <summary>
    /// Starts watching <paramref name="task"/> from the state the client was last told of; a terminal task is not
    /// watched (it never changes again).
    /// </summary>
    public void Add(TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (!task.Status.IsTerminal())
        {
            _watched.Add(new Watched(task.TaskId, task.ExpiresAt, new TaskVersion(task.Status, task.LastUpdatedAt), TaskView.Of(task)));
        }
    }

    /// <summary>One pass over the watched tasks: those whose visible state changed, as read now, in the order they were added.</summary>
    public async Task<IReadOnlyList<TaskRecord>> PollAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        _watched.RemoveAll(w => w.ExpiresAt is { } expiry && expiry <= now);
        var reads = await Task.WhenAll(_watched.Select(w => ReadAsync(w, cancellationToken)));

        var changed = new List<TaskRecord>();
        var ended = new HashSet<Watched>();
        foreach (var (watched, read) in _watched.Zip(reads))
        {
            switch (read)
            {
                case Read.Gone:
                    ended.Add(watched);
                    break;
                case Read.Changed { Task: var task }:
                    changed.Add(task);
                    if (task.Status.IsTerminal())
                    {
                        ended.Add(watched);
                    }

                    break;
            }
        }

        _watched.RemoveAll(ended.Contains);
        return changed;
    }

    private async Task<Read> ReadAsync(Watched watched, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _versionReads);
        var version = await reader.GetVersionAsync(watched.TaskId, cancellationToken);
        if (version is null)
        {
            return Read.Gone.Instance;
        }

        if (version == watched.Version)
        {
            return Read.Same.Instance;
        }

        Interlocked.Increment(ref _fullReads);
        var task = await reader.GetAsync(watched.TaskId, cancellationToken);
        if (task is null)
        {
            return Read.Gone.Instance;
        }

        // The version of the full read, so a write between the two reads is seen on the next pass.
        watched.Version = new TaskVersion(task.Status, task.LastUpdatedAt);
        var view = TaskView.Of(task);
        if (view == watched.View && !task.Status.IsTerminal())
        {
            return Read.Same.Instance;
        }

        watched.View = view;
        return new Read.Changed(task);
    }

    private sealed class Watched(string taskId, DateTimeOffset? expiresAt, TaskVersion version, TaskView view)
    {
        public string TaskId { get; } = taskId;

        public DateTimeOffset? ExpiresAt { get; } = expiresAt;

        public TaskVersion Version { get; set; } = version;

        public TaskView View { get; set; } = view;
    }

    private abstract record Read
    {
        public sealed record Same : Read
        {
            public static readonly Same Instance = new();
        }

        public sealed record Gone : Read
        {
            public static readonly Gone Instance = new();
        }

        public sealed record Changed(TaskRecord Task) : Read;
    }
}
