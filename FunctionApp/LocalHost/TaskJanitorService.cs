using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Hosting;
using Microsoft.Extensions.Options;

namespace DurableMcp.FunctionApp.LocalHost;

/// <summary>The local host's stand-in for the timer-triggered janitor function: purges expired tasks every few minutes.</summary>
internal sealed class TaskJanitorService(TaskJanitor janitor, IOptions<DurableTasksOptions> options, ILogger<TaskJanitorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.PurgeInterval;
        using var timer = new PeriodicTimer(interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await janitor.PurgeExpiredAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Storage may be briefly unreachable; the next tick tries again.
                logger.LogWarning(e, "Purging expired tasks failed; retrying in {Interval}", interval);
            }
        }
    }
}
