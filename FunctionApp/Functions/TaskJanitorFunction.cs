using DurableMcp.Tasks.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>The TTL janitor: every five minutes, purges expired tasks through the Durable client.</summary>
internal sealed class TaskJanitorFunction(TaskJanitor janitor)
{
    [Function("task-janitor")]
    public async Task RunAsync([TimerTrigger("0 */5 * * * *")] TimerInfo timer, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken)
    {
        using (DurableClientSource.Use(client))
        {
            await janitor.PurgeExpiredAsync(cancellationToken);
        }
    }
}
