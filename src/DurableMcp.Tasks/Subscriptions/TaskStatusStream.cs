using DurableMcp.Tasks.Durable;

namespace DurableMcp.Tasks.Subscriptions;

/// <summary>
/// The timing of one task stream: polls its <see cref="TaskWatch"/> every <c>StreamPollInterval</c>, hands each change to
/// the stream, writes a keep-alive after <c>StreamKeepAliveInterval</c> of silence, and stops at the deadline, on
/// shutdown, or once nothing is left to watch. One writer: notifications and keep-alives never overlap.
/// </summary>
internal sealed class TaskStatusStream(TaskWatch watch, TimeSpan pollInterval, TimeSpan keepAliveInterval, TimeProvider time)
{
    /// <summary>Runs until the stream should end, and says why; throws <see cref="OperationCanceledException"/> when the client went away.</summary>
    /// <param name="notify">Writes one changed task to the stream.</param>
    /// <param name="keepAlive">Writes a keep-alive (an SSE comment).</param>
    /// <param name="deadline">When the stream must end at the latest.</param>
    /// <param name="stopping">Signalled when the host shuts down: the stream ends cleanly.</param>
    /// <param name="cancellationToken">Signalled when the client goes away.</param>
    public async Task<StreamEnd> RunAsync(
        Func<TaskRecord, CancellationToken, ValueTask> notify,
        Func<CancellationToken, ValueTask> keepAlive,
        DateTimeOffset deadline,
        CancellationToken stopping,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(notify);
        ArgumentNullException.ThrowIfNull(keepAlive);
        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(stopping, cancellationToken);
        var lastWrite = time.GetUtcNow();
        while (watch.Count > 0)
        {
            var now = time.GetUtcNow();
            if (now >= deadline)
            {
                return StreamEnd.TimeLimit;
            }

            try
            {
                await Task.Delay(Min(pollInterval, deadline - now), time, waiting.Token);
            }
            catch (OperationCanceledException) when (stopping.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                return StreamEnd.ShuttingDown;
            }

            foreach (var task in await watch.PollAsync(cancellationToken))
            {
                await notify(task, cancellationToken);
                lastWrite = time.GetUtcNow();
            }

            if (watch.Count > 0 && time.GetUtcNow() - lastWrite >= keepAliveInterval)
            {
                await keepAlive(cancellationToken);
                lastWrite = time.GetUtcNow();
            }
        }

        return StreamEnd.AllTerminal;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
