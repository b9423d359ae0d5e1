namespace DurableMcp.Engine.Worker;

/// <summary>
/// Wakes this process's queue poller when this process enqueued work, so local work does not wait for the
/// next (backed-off) poll. Work enqueued elsewhere is found by polling.
/// </summary>
internal sealed class WorkSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; one wake-up covers any number of new messages.
        }
    }

    /// <summary>Waits for a signal or the timeout; true when signalled.</summary>
    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken cancellationToken = default) =>
        _signal.WaitAsync(timeout, cancellationToken);
}
