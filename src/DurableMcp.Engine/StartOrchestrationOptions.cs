namespace DurableMcp.Engine;

/// <summary>Per-call options for <see cref="Client.DurableClient.StartAsync"/>.</summary>
public sealed record StartOrchestrationOptions
{
    /// <summary>How long the instance lives after creation before it is purged; null keeps it until purged explicitly.</summary>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>Who starts it; stored verbatim and returned with the instance.</summary>
    public string? Owner { get; init; }

    /// <summary>
    /// With <see cref="Owner"/>: refuse the start (<see cref="OwnerLimitExceededException"/>) if the owner would then have
    /// more unfinished (pending or running) instances than this. Exact under any concurrency, across processes: each
    /// unfinished instance holds one of the owner's slots (see the README's storage layout).
    /// </summary>
    public int? MaxUnfinishedForOwner { get; init; }

    /// <summary>Small metadata stored with the instance (keep it under a few hundred bytes).</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
