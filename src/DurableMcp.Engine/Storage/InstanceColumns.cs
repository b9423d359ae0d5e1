namespace DurableMcp.Engine.Storage;

/// <summary>
/// Column names of the instances table. They are a persisted contract: renaming one orphans existing rows.
/// One row per instance: PartitionKey = <see cref="InstanceIds.PartitionOf"/> (one per owner), RowKey = instance id.
/// The same partition holds the owner's slot rows and its instances' event rows, whose row keys start with
/// <see cref="OtherRowsFrom"/> and so sort after every instance id.
/// </summary>
internal static class InstanceColumns
{
    /// <summary>Row keys from here on are not instance rows ('~' sorts after the URL-safe base64 alphabet).</summary>
    public const string OtherRowsFrom = "~";

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

    /// <summary>The owner's slot the instance holds while unfinished (see <see cref="OwnerSlots"/>); absent when none.</summary>
    public const string Slot = "Slot";

    /// <summary>
    /// Everything but the large payload columns, for reads that only need the state. A projection returns only what it
    /// names, so it names the row key too: it is the instance id.
    /// </summary>
    public static readonly string[] Summary =
    [
        "RowKey", Slot, Name, Status, StatusMessage, CreatedAt, LastUpdatedAt, ExpiresAt, Owner, Tags, CancelRequested, LeaseOwner, LeaseExpiresAt, Attempts, PendingWaits,
    ];
}
