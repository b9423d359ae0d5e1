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

    /// <summary>
    /// True when a host that owns the message delivered it (an Azure Functions queue trigger): the host deletes it after a
    /// successful invocation and retries it after a failed one, so the engine neither deletes it nor changes its
    /// visibility, and hands work on by queueing a copy (<see cref="WorkQueue.RedeliverAsync"/>).
    /// </summary>
    public bool HostOwned { get; init; }

    /// <summary>Set when the work of this host-owned message was handed on to a queued copy (a deferral or a continuation).</summary>
    public bool HandedOn { get; set; }
}
