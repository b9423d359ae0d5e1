namespace DurableMcp.Engine.Worker;

/// <summary>A work message as a host that owns the work queue delivers it (for example an Azure Functions queue trigger).</summary>
/// <param name="MessageId">The queue message id.</param>
/// <param name="Body">The message text: the instance id.</param>
/// <param name="DequeueCount">How many times the host has delivered this message, this time included.</param>
public sealed record HostedWorkMessage(string MessageId, string Body, long DequeueCount)
{
    /// <summary>When the message was queued, if the host says.</summary>
    public DateTimeOffset? InsertedOn { get; init; }
}
