namespace DurableMcp.Tasks.Subscriptions;

/// <summary>
/// Counts the task streams each caller holds open on this instance and refuses one past the limit. Per instance: a
/// stream is a held HTTP response, so the instance serving it is the one whose resources it uses (connections, a
/// watcher's reads). Anonymous callers (Development) count as one caller.
/// </summary>
internal sealed class TaskStreamLimiter
{
    private readonly Dictionary<string, int> _open = new(StringComparer.Ordinal);

    /// <summary>A lease on one more open stream for <paramref name="caller"/>, or null when it already holds <paramref name="limit"/>.</summary>
    public IDisposable? TryAcquire(string? caller, int limit)
    {
        var key = caller ?? "";
        lock (_open)
        {
            var open = _open.GetValueOrDefault(key);
            if (open >= limit)
            {
                return null;
            }

            _open[key] = open + 1;
        }

        return new Lease(this, key);
    }

    /// <summary>Streams <paramref name="caller"/> holds open on this instance.</summary>
    public int OpenStreams(string? caller)
    {
        lock (_open)
        {
            return _open.GetValueOrDefault(caller ?? "");
        }
    }

    private void Release(string key)
    {
        lock (_open)
        {
            var open = _open.GetValueOrDefault(key) - 1;
            if (open <= 0)
            {
                _open.Remove(key);
            }
            else
            {
                _open[key] = open;
            }
        }
    }

    private sealed class Lease(TaskStreamLimiter limiter, string key) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                limiter.Release(key);
            }
        }
    }
}
