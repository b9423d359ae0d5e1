using System.Text.Json;

namespace DurableMcp.Engine;

/// <summary>A snapshot of one orchestration instance, as the client sees it.</summary>
public sealed record OrchestrationInstance
{
    /// <summary>The instance id: an unguessable handle (see <see cref="InstanceIds"/>).</summary>
    public required string InstanceId { get; init; }

    /// <summary>The registered orchestration name.</summary>
    public required string Name { get; init; }

    public required OrchestrationStatus Status { get; init; }

    /// <summary>The last status message the orchestration set, for example "1,200 / 5,000 documents".</summary>
    public string? StatusMessage { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>When the instance expires and is purged; null for never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>Who started it; opaque to the engine.</summary>
    public string? Owner { get; init; }

    /// <summary>Small key/value metadata the starter attached (for example a poll interval).</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new Dictionary<string, string>();

    /// <summary>True once cancellation was requested (the status is then <see cref="OrchestrationStatus.Cancelled"/>).</summary>
    public bool CancelRequested { get; init; }

    /// <summary>
    /// What the instance waits for right now: waits whose event has been raised (but not yet consumed by a run) are
    /// left out, so this shrinks as answers arrive.
    /// </summary>
    public IReadOnlyList<PendingWait> PendingWaits { get; init; } = [];

    /// <summary>The input it was started with; only from <see cref="Client.DurableClient.GetWithInputAsync"/>.</summary>
    public JsonElement? Input { get; init; }

    /// <summary>The result, when <see cref="OrchestrationStatus.Completed"/>.</summary>
    public JsonElement? Output { get; init; }

    /// <summary>The failure, when <see cref="OrchestrationStatus.Failed"/>.</summary>
    public FailureDetails? Failure { get; init; }
}
