using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Specialized;

namespace DurableMcp.Engine.Storage;

/// <summary>
/// The poison queue a host that owns the work queue keeps beside it: an Azure Functions queue trigger moves a message
/// there (<c>{queue}-poison</c>) after its maximum number of failed invocations. The engine's own rule decides when a
/// task is poison (attempts per instance), so the janitor moves such messages back into the work queue.
/// </summary>
internal sealed class PoisonQueue(TaskHubStorage storage, WorkQueue work)
{
    /// <summary>The suffix the Functions queue trigger appends to a queue's name for its poison queue.</summary>
    public const string Suffix = "-poison";

    private QueueClient Queue { get; } = storage.WorkQueue.GetParentQueueServiceClient().GetQueueClient(storage.WorkQueue.Name + Suffix);

    /// <summary>
    /// Moves up to <paramref name="maxMessages"/> messages back into the work queue, each as a new message; returns the
    /// instance ids moved. Messages that name no well-formed instance are dropped. No poison queue: nothing to move.
    /// </summary>
    public async Task<IReadOnlyList<string>> MoveBackAsync(int maxMessages, CancellationToken cancellationToken = default)
    {
        var moved = new List<string>();
        for (var taken = 0; taken < maxMessages;)
        {
            Azure.Storage.Queues.Models.QueueMessage[] batch;
            try
            {
                batch = (await Queue.ReceiveMessagesAsync(Math.Min(32, maxMessages - taken), TimeSpan.FromMinutes(1), cancellationToken)).Value;
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                break; // The host has never poisoned a message here.
            }

            if (batch.Length == 0)
            {
                break;
            }

            taken += batch.Length;
            foreach (var message in batch)
            {
                var instanceId = message.Body.ToString();
                if (InstanceIds.IsWellFormed(instanceId))
                {
                    await work.EnqueueAsync(instanceId, cancellationToken: cancellationToken);
                    moved.Add(instanceId);
                }

                await Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, cancellationToken);
            }
        }

        return moved;
    }
}
