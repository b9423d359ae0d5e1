using Azure;
using Azure.Storage.Queues;

namespace DurableMcp.Engine.Storage;

/// <summary>
/// The work queue. A message carries only an instance id; the instance row says what to do. The message's
/// invisibility is the in-flight lease: a crashed worker's message reappears and another worker takes it.
/// </summary>
internal sealed class WorkQueue(TaskHubStorage storage)
{
    private QueueClient Queue => storage.WorkQueue;

    /// <summary>
    /// Queues a message for the instance, visible after <paramref name="delay"/> and never before it; returns it, so
    /// that the sender can take it back (<see cref="DeleteAsync"/>) unless a receiver has it by then.
    /// </summary>
    public async Task<WorkItem> EnqueueAsync(string instanceId, TimeSpan? delay = null, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);

        // The service counts whole seconds and the SDK truncates: rounded down, a timer's wake-up would come early and the
        // instance would be run (and suspended again with a delay rounded to zero) over and over until its deadline.
        var visibility = delay is { } d && d > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Ceiling(d.TotalSeconds)) : delay;
        var sent = (await Queue.SendMessageAsync(instanceId, visibility, TimeSpan.FromSeconds(-1), cancellationToken)).Value;
        return new WorkItem(sent.MessageId, sent.PopReceipt, instanceId, dequeueCount: 0, sent.InsertionTime);
    }

    public async Task<IReadOnlyList<WorkItem>> ReceiveAsync(int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var response = await Queue.ReceiveMessagesAsync(Math.Clamp(maxMessages, 1, 32), visibilityTimeout, cancellationToken);
        return response.Value.Select(m => new WorkItem(m.MessageId, m.PopReceipt, m.Body.ToString(), m.DequeueCount, m.InsertedOn)).ToList();
    }

    /// <summary>Removes a finished message; a message already gone (deleted by a duplicate run) is fine.</summary>
    public async Task DeleteAsync(WorkItem item, CancellationToken cancellationToken = default)
    {
        if (item.HostOwned)
        {
            return; // The host deletes it when the invocation succeeds.
        }

        try
        {
            await Queue.DeleteMessageAsync(item.MessageId, item.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException e) when (IsLost(e))
        {
            // Another receiver owns it now (our visibility lapsed); it will see the instance state and drop it.
        }
    }

    // Another receiver holds the message now: the service answers 404, or 400 PopReceiptMismatch (as Azurite does).
    private static bool IsLost(RequestFailedException e) => e.Status == 404 || e.ErrorCode == "PopReceiptMismatch";

    /// <summary>Keeps the message invisible for <paramref name="visibilityTimeout"/> more; false if we lost it.</summary>
    public async Task<bool> TrySetVisibilityAsync(WorkItem item, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        if (item.HostOwned)
        {
            return true; // The host keeps its message invisible while the invocation runs.
        }

        try
        {
            var receipt = await Queue.UpdateMessageAsync(item.MessageId, item.PopReceipt, visibilityTimeout: visibilityTimeout, cancellationToken: cancellationToken);
            item.PopReceipt = receipt.Value.PopReceipt;
            return true;
        }
        catch (RequestFailedException e) when (IsLost(e))
        {
            return false;
        }
    }

    /// <summary>
    /// Has the instance's work come back after <paramref name="delay"/>: this message, hidden until then; or, for a
    /// host-owned message (which the host deletes when the invocation succeeds), a copy queued with that delay.
    /// </summary>
    public async Task RedeliverAsync(WorkItem item, TimeSpan delay, CancellationToken cancellationToken = default)
    {
        if (!item.HostOwned)
        {
            await TrySetVisibilityAsync(item, delay, cancellationToken);
            return;
        }

        await EnqueueAsync(item.InstanceId, delay > TimeSpan.Zero ? delay : null, cancellationToken);
        item.HandedOn = true;
    }
}
