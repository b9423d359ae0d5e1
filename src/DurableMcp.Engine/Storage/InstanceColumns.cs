namespace DurableMcp.Engine.Storage;

/// <summary>
/// Column names of the instances table. They are a persisted contract: renaming one orphans existing rows.
/// One row per instance: PartitionKey = instance id, RowKey = <see cref="RowKey"/>.
/// </summary>
internal static class InstanceColumns
{
    public const string RowKey = "instance";
    public const string Name = "Name";
    public const string Status = "Status";
    public const string StatusMessage = "StatusMessage";
    public const string Input = "Input";
    public const string Output = "Output";
    public const string Failure = "Failure";
    public const string Journal = "Journal";
    public const string CreatedAt = "CreatedAt";
    public const string LastUpdatedAt = "LastUpdatedAt";
    public const string ExpiresAt = "ExpiresAt";
    public const string Owner = "Owner";
    public const string Tags = "Tags";
    public const string CancelRequested = "CancelRequested";
    public const string LeaseOwner = "LeaseOwner";
    public const string LeaseExpiresAt = "LeaseExpiresAt";
    public const string Attempts = "Attempts";
    public const string PendingWaits = "PendingWaits";

    /// <summary>
    /// Everything but the large payload columns, for reads that only need the state. A projection returns only what it
    /// names, so it names the partition key too: it is the instance id.
    /// </summary>
    public static readonly string[] Summary =
    [
        "PartitionKey", Name, Status, StatusMessage, CreatedAt, LastUpdatedAt, ExpiresAt, Owner, Tags, CancelRequested, LeaseOwner, LeaseExpiresAt, Attempts, PendingWaits,
    ];
}
