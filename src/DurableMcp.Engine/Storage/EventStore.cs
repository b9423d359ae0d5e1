using Azure;
using Azure.Data.Tables;

namespace DurableMcp.Engine.Storage;

/// <summary>
/// External events, stored as rows in the instance's partition of the instances table (RowKey
/// <c>~event:{instance id}:{key}</c>). Inserting is what makes raising idempotent: a second insert of the same key is a
/// 409, not a second event. Events stay until the instance is purged, so one raised before anyone waits for it is kept.
/// </summary>
internal sealed class EventStore(TaskHubStorage storage)
{
    private const string RowPrefix = InstanceColumns.OtherRowsFrom + "event:";

    private TableClient Table => storage.Instances;

    /// <summary>Records an event; false when one with the same key exists already.</summary>
    public async Task<bool> TryAddAsync(string instanceId, string key, string name, string? payload, DateTimeOffset raisedAt, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var entity = new TableEntity(InstanceIds.PartitionOf(instanceId), RowKeyPrefix(instanceId) + key)
        {
            ["Name"] = name,
            ["RaisedAt"] = raisedAt,
        };
        if (payload is not null)
        {
            entity["Payload"] = payload;
        }

        try
        {
            await Table.AddEntityAsync(entity, cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>All events of an instance, oldest first.</summary>
    public async Task<List<RecordedEvent>> ListAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var events = new List<RecordedEvent>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(Filter(instanceId), cancellationToken: cancellationToken))
        {
            events.Add(new RecordedEvent(
                entity.RowKey[RowKeyPrefix(instanceId).Length..],
                entity.GetString("Name") ?? "",
                entity.GetString("Payload"),
                entity.GetDateTimeOffset("RaisedAt") ?? DateTimeOffset.MinValue));
        }

        events.Sort((a, b) => a.RaisedAt != b.RaisedAt ? a.RaisedAt.CompareTo(b.RaisedAt) : string.CompareOrdinal(a.Key, b.Key));
        return events;
    }

    /// <summary>Deletes every event row of an instance; returns how many there were.</summary>
    public async Task<int> DeleteAllAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var deleted = 0;
        await foreach (var entity in Table.QueryAsync<TableEntity>(Filter(instanceId), select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken))
        {
            var response = await Table.DeleteEntityAsync(entity.PartitionKey, entity.RowKey, ETag.All, cancellationToken);
            deleted += response.Status == 404 ? 0 : 1;
        }

        return deleted;
    }

    /// <summary>True for keys that are safe as part of a table row key.</summary>
    public static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= 200 } && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':');

    private static string RowKeyPrefix(string instanceId) => $"{RowPrefix}{instanceId}:";

    // ';' sorts right after ':', so the range holds exactly this instance's keys.
    private static string Filter(string instanceId) => TableClient.CreateQueryFilter(
        $"PartitionKey eq {InstanceIds.PartitionOf(instanceId)} and RowKey ge {RowKeyPrefix(instanceId)} and RowKey lt {RowPrefix + instanceId + ";"}");
}
