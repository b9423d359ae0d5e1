using DurableMcp.Engine.Client;
using DurableMcp.Engine.Hosting;
using DurableMcp.Engine.Logging;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableMcp.Engine.Worker;

/// <summary>
/// The janitor: every <see cref="DurableEngineOptions.PurgeInterval"/>, purges a bounded batch of expired instances
/// (row, events and blobs) and re-queues instances stranded before their first message. Runs in processes that run the worker; expired ids are already unknown to readers before this.
/// </summary>
internal sealed class ExpiredInstancePurger(DurableClient client, IOptions<DurableEngineOptions> options, TimeProvider time, ILogger<ExpiredInstancePurger> logger) : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.WorkerEnabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    int purged;
                    do
                    {
                        purged = await client.PurgeExpiredAsync(BatchSize, stoppingToken);
                    }
                    while (purged == BatchSize && !stoppingToken.IsCancellationRequested);

                    // Instances whose creator died between recording and queueing them (rare; cheap to look for).
                    await client.RequeueStrandedAsync(options.Value.LeaseDuration * 2, BatchSize, stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    EngineLog.PurgeFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
