using DurableMcp.Engine.Hosting;
using DurableMcp.Engine.Logging;
using DurableMcp.Engine.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableMcp.Engine.Worker;

/// <summary>
/// Polls the work queue and runs up to <see cref="DurableEngineOptions.MaxConcurrentOrchestrations"/> instances at
/// once. An idle queue is polled less and less often (up to <see cref="DurableEngineOptions.MaxPollInterval"/>), so
/// an idle worker costs a few transactions a minute; work enqueued by this process wakes it at once.
/// </summary>
internal sealed class QueueWorker(
    WorkQueue queue,
    OrchestrationRunner runner,
    WorkSignal signal,
    IOptions<DurableEngineOptions> options,
    ILogger<QueueWorker> logger) : BackgroundService
{
    private static readonly TimeSpan MinPollInterval = TimeSpan.FromMilliseconds(50);
    private readonly DurableEngineOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.WorkerEnabled)
        {
            return;
        }

        EngineLog.WorkerStarted(logger, _options.MaxConcurrentOrchestrations, _options.LeaseDuration);
        using var slots = new SemaphoreSlim(_options.MaxConcurrentOrchestrations);
        var idleDelay = MinPollInterval;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken);
                var free = slots.CurrentCount + 1;
                IReadOnlyList<WorkItem> items;
                try
                {
                    items = await queue.ReceiveAsync(free, _options.LeaseDuration, stoppingToken);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    slots.Release();
                    break;
                }
                catch (Exception e)
                {
                    slots.Release();
                    EngineLog.PollFailed(logger, e, _options.MaxPollInterval);
                    await Task.Delay(_options.MaxPollInterval, stoppingToken);
                    continue;
                }

                if (items.Count == 0)
                {
                    slots.Release();
                    var signalled = await signal.WaitAsync(idleDelay, stoppingToken);
                    idleDelay = signalled ? MinPollInterval : Min(idleDelay * 2, _options.MaxPollInterval);
                    continue;
                }

                idleDelay = MinPollInterval;
                // Free for certain: only this loop takes slots, and it asked for no more messages than were free.
                for (var i = 1; i < items.Count; i++)
                {
                    await slots.WaitAsync(CancellationToken.None);
                }

                foreach (var item in items)
                {
                    _ = RunOneAsync(item);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        // Drain: every run releases its slot when it ends (runs see the stopping token and hand their instance back).
        for (var i = 0; i < _options.MaxConcurrentOrchestrations; i++)
        {
            await slots.WaitAsync(CancellationToken.None);
        }

        // Owned by the slot semaphore: ProcessAsync never throws, and the drain below waits for every run.
        async Task RunOneAsync(WorkItem item)
        {
            try
            {
                await Task.Yield();
                await runner.ProcessAsync(item, stoppingToken);
            }
            finally
            {
                slots.Release();
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
