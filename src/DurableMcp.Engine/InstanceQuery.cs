namespace DurableMcp.Engine;

/// <summary>A filter over instances; every set field must match.</summary>
public sealed record InstanceQuery
{
    /// <summary>Only instances in one of these states; null for any.</summary>
    public IReadOnlyCollection<OrchestrationStatus>? Statuses { get; init; }

    /// <summary>Only instances of this owner.</summary>
    public string? Owner { get; init; }

    /// <summary>Only instances whose expiry time is at or before this time.</summary>
    public DateTimeOffset? ExpiredAtOrBefore { get; init; }

    /// <summary>Page size, 1..1000.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The token from the previous page, or null for the first.</summary>
    public string? ContinuationToken { get; init; }
}

/// <summary>One page of a query.</summary>
/// <param name="Instances">Matching instances, without their output.</param>
/// <param name="ContinuationToken">Pass to the next query; null when this is the last page.</param>
public sealed record InstancePage(IReadOnlyList<OrchestrationInstance> Instances, string? ContinuationToken);
