namespace DurableMcp.Engine.Storage;

/// <summary>
/// One received work message: "instance X has work to do". The pop receipt changes whenever the
/// message's visibility is extended, so it is mutable.
/// </summary>
internal sealed class WorkItem(string messageId, string popReceipt, string instanceId, long dequeueCount, DateTimeOffset? insertedOn = null)
{
    public string MessageId { get; } = messageId;

    public string PopReceipt { get; set; } = popReceipt;

    public string InstanceId { get; } = instanceId;

    public long DequeueCount { get; } = dequeueCount;

    /// <summary>When the message was queued (or last made visible by a delay), for the queue-wait metric.</summary>
    public DateTimeOffset? InsertedOn { get; } = insertedOn;
}
