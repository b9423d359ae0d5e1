using System.Threading.Channels;

namespace DurableMcp.Engine.Worker;

/// <summary>
/// A single-threaded synchronization context for one run of an orchestration. Every continuation of the orchestration
/// code runs here, one at a time and in order, so the run is deterministic and the runner can tell when the code is
/// blocked: the queue is empty, no step is executing, and the code awaits only events or timers. That moment is a
/// suspension point: the run is checkpointed and ends, holding nothing in memory while it waits.
/// </summary>
internal sealed class OrchestrationPump : SynchronizationContext
{
    private readonly Channel<(SendOrPostCallback Callback, object? State)> _queue =
        Channel.CreateUnbounded<(SendOrPostCallback, object?)>(new UnboundedChannelOptions { SingleReader = true });

    public override void Post(SendOrPostCallback d, object? state) => _queue.Writer.TryWrite((d, state));

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestration code cannot block on its own context.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>
    /// Starts <paramref name="body"/> on the pump and processes its continuations until it completes, or until
    /// <paramref name="isBlocked"/> says (with nothing queued) that it can make no progress without an external
    /// event or timer. Returns the body's task (complete, or still waiting when blocked).
    /// </summary>
    public async Task<Task<T>> RunAsync<T>(Func<Task<T>> body, Func<bool> isBlocked, CancellationToken cancellationToken)
    {
        Task<T>? task = null;
        Post(_ => task = Start(body), null);
        while (true)
        {
            while (_queue.Reader.TryRead(out var item))
            {
                Execute(item.Callback, item.State);
            }

            if (task!.IsCompleted || isBlocked())
            {
                return task;
            }

            if (!await _queue.Reader.WaitToReadAsync(cancellationToken))
            {
                return task;
            }
        }
    }

    /// <summary>Wakes the loop to re-check <c>isBlocked</c> after state outside the queue changed.</summary>
    public void Nudge() => Post(static _ => { }, null);

    // A delegate that throws before its first await still yields a task, so the runner sees one kind of failure.
    private static Task<T> Start<T>(Func<Task<T>> body)
    {
        try
        {
            return body();
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    private void Execute(SendOrPostCallback callback, object? state)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            callback(state);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }
}
