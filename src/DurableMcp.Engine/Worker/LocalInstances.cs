using System.Collections.Concurrent;

namespace DurableMcp.Engine.Worker;

/// <summary>
/// In-process shortcuts that never replace storage: cancels a run in this process at once when cancellation
/// is requested here, and wakes local waiters when an instance ends here. Other processes find both by reading
/// the instance row.
/// </summary>
internal sealed class LocalInstances
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _ended = new(StringComparer.Ordinal);

    public void AddRunning(string instanceId, CancellationTokenSource cancellation) => _running[instanceId] = cancellation;

    public void RemoveRunning(string instanceId, CancellationTokenSource cancellation) =>
        _running.TryRemove(new KeyValuePair<string, CancellationTokenSource>(instanceId, cancellation));

    public void Cancel(string instanceId)
    {
        if (_running.TryGetValue(instanceId, out var cancellation))
        {
            try
            {
                cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // The run ended between the lookup and the cancel.
            }
        }
    }

    /// <summary>A task that completes when <see cref="NotifyChanged"/> is called for the instance (or never).</summary>
    public Task WhenChanged(string instanceId) =>
        _ended.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Drops a waiter nobody needs any more (another waiter on the same instance then falls back to polling).</summary>
    public void Forget(string instanceId, Task waiter)
    {
        if (_ended.TryGetValue(instanceId, out var source) && source.Task == waiter)
        {
            _ended.TryRemove(new KeyValuePair<string, TaskCompletionSource>(instanceId, source));
        }
    }

    public void NotifyChanged(string instanceId)
    {
        if (_ended.TryRemove(instanceId, out var waiter))
        {
            waiter.TrySetResult();
        }
    }
}
