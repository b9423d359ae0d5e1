using DurableMcp.Tasks.Durable;

namespace DurableMcp.FunctionApp.LocalHost;

/// <summary>The local host's stand-in for the timer-triggered janitor function: purges expired tasks every few minutes.</summary>
internal sealed class TaskJanitorService(TaskJanitor janitor, IConfiguration configuration, ILogger<TaskJanitorService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = configuration.GetValue("McpTasks:PurgeInterval", TimeSpan.FromMinutes(5));
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
