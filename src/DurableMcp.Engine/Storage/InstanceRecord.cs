using Azure.Data.Tables;

namespace DurableMcp.Engine.Storage;

/// <summary>One row of the instances table, as read (payload columns hold inline JSON or a blob reference).</summary>
internal sealed record InstanceRecord
{
    public required string InstanceId { get; init; }
    public required string Name { get; init; }
    public required OrchestrationStatus Status { get; init; }
    public string? StatusMessage { get; init; }
    public string? Input { get; init; }
    public string? Output { get; init; }
    public string? Failure { get; init; }
    public string? Journal { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset LastUpdatedAt { get; init; }
    public DateTimeOffset? ExpiresAt { get; init; }
    public string? Owner { get; init; }
    public string? Tags { get; init; }
    public bool CancelRequested { get; init; }

    /// <summary>The run that owns the instance; empty when none does.</summary>
    public string? LeaseOwner { get; init; }
    public DateTimeOffset? LeaseExpiresAt { get; init; }

    /// <summary>Runs started so far; a run that ends abnormally leaves its count behind (poison detection).</summary>
    public int Attempts { get; init; }

    /// <summary>JSON list of <see cref="PendingWait"/>: what the instance waits for (empty when nothing).</summary>
    public string? PendingWaits { get; init; }

    /// <summary>The owner's slot this instance holds while unfinished; null when it holds none.</summary>
    public int? Slot { get; init; }

    /// <summary>The optimistic-concurrency tag of the row as read.</summary>
    public required string ETag { get; init; }

    /// <summary>The slot this instance still holds: its <see cref="Slot"/> until it ends.</summary>
    public int? HeldSlot => Status.IsTerminal() ? null : Slot;

    public bool IsExpired(DateTimeOffset now) => ExpiresAt is { } expiry && expiry <= now;

    public static InstanceRecord FromEntity(TableEntity entity) => new()
    {
        InstanceId = entity.RowKey,
        Name = entity.GetString(InstanceColumns.Name) ?? "",
        Status = Enum.TryParse<OrchestrationStatus>(entity.GetString(InstanceColumns.Status), out var status)
            ? status
            : throw new InvalidDataException($"Instance '{entity.RowKey}' has an unknown status '{entity.GetString(InstanceColumns.Status)}'."),
        StatusMessage = NullIfEmpty(entity.GetString(InstanceColumns.StatusMessage)),
        Input = NullIfEmpty(entity.GetString(InstanceColumns.Input)),
        Output = NullIfEmpty(entity.GetString(InstanceColumns.Output)),
        Failure = NullIfEmpty(entity.GetString(InstanceColumns.Failure)),
        Journal = NullIfEmpty(entity.GetString(InstanceColumns.Journal)),
        CreatedAt = entity.GetDateTimeOffset(InstanceColumns.CreatedAt) ?? DateTimeOffset.MinValue,
        LastUpdatedAt = entity.GetDateTimeOffset(InstanceColumns.LastUpdatedAt) ?? DateTimeOffset.MinValue,
        ExpiresAt = entity.GetDateTimeOffset(InstanceColumns.ExpiresAt),
        Owner = NullIfEmpty(entity.GetString(InstanceColumns.Owner)),
        Tags = NullIfEmpty(entity.GetString(InstanceColumns.Tags)),
        CancelRequested = entity.GetBoolean(InstanceColumns.CancelRequested) ?? false,
        LeaseOwner = NullIfEmpty(entity.GetString(InstanceColumns.LeaseOwner)),
        LeaseExpiresAt = entity.GetDateTimeOffset(InstanceColumns.LeaseExpiresAt),
        Attempts = entity.GetInt32(InstanceColumns.Attempts) ?? 0,
        PendingWaits = NullIfEmpty(entity.GetString(InstanceColumns.PendingWaits)),
        Slot = entity.GetInt32(InstanceColumns.Slot),
        ETag = entity.ETag.ToString(),
    };

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
