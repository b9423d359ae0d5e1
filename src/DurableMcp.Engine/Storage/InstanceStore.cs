using Azure;
using Azure.Data.Tables;

namespace DurableMcp.Engine.Storage;

/// <summary>
/// The instances table. Owns ETags and the translation of 404/409/412; nothing above it sees Azure types.
/// Updates are merges: a writer sends only the columns it owns, so concurrent writers of other columns are
/// preserved, and the ETag condition tells a writer that someone else changed the row. A write that takes or frees one
/// of the owner's slots (see <see cref="OwnerSlots"/>) does so in the same transaction: one request, all or nothing.
/// </summary>
internal sealed class InstanceStore(TaskHubStorage storage)
{
    private const string SlotRowPrefix = InstanceColumns.OtherRowsFrom + "slot:";
    private const string SlotHolder = "Instance";

    private TableClient Table => storage.Instances;

    /// <summary>Inserts a new row; returns false if the id exists already.</summary>
    public async Task<bool> TryInsertAsync(string instanceId, IDictionary<string, object?> columns, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        try
        {
            await Table.AddEntityAsync(ToEntity(instanceId, columns), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Inserts a new row together with the slot row it takes; false when that slot is taken already.</summary>
    public async Task<bool> TryInsertWithSlotAsync(string instanceId, IDictionary<string, object?> columns, int slot, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var row = ToEntity(instanceId, columns);
        row[InstanceColumns.Slot] = slot;
        var slotRow = new TableEntity(row.PartitionKey, SlotRowKey(slot)) { [SlotHolder] = instanceId };
        try
        {
            await Table.SubmitTransactionAsync([new(TableTransactionActionType.Add, row), new(TableTransactionActionType.Add, slotRow)], cancellationToken);
            return true;
        }
        catch (TableTransactionFailedException e) when (e.Status == 409 && e.FailedTransactionActionIndex != 0)
        {
            return false;
        }
    }

    /// <summary>The slots taken in an owner's partition: slot, holder, and the slot row's ETag.</summary>
    public async Task<List<SlotRow>> ListSlotsAsync(string partition, CancellationToken cancellationToken = default)
    {
        var slots = new List<SlotRow>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {SlotRowPrefix} and RowKey lt {SlotRowPrefix[..^1] + ";"}");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey", SlotHolder], cancellationToken: cancellationToken))
        {
            if (int.TryParse(row.RowKey.AsSpan(SlotRowPrefix.Length), out var slot))
            {
                slots.Add(new SlotRow(slot, row.GetString(SlotHolder) ?? "", row.ETag.ToString()));
            }
        }

        return slots;
    }

    /// <summary>The ids of the unfinished (pending or running) instances in a partition.</summary>
    public async Task<HashSet<string>> ListUnfinishedAsync(string partition, CancellationToken cancellationToken = default)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {partition} and RowKey lt {InstanceColumns.OtherRowsFrom} and (Status eq {nameof(OrchestrationStatus.Pending)} or Status eq {nameof(OrchestrationStatus.Running)})");
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, select: ["RowKey"], cancellationToken: cancellationToken))
        {
            ids.Add(row.RowKey);
        }

        return ids;
    }

    /// <summary>Deletes a slot row if it is unchanged since it was listed; false when it changed or is gone.</summary>
    public async Task<bool> TryDeleteSlotAsync(string partition, SlotRow slot, CancellationToken cancellationToken = default)
    {
        try
        {
            var response = await Table.DeleteEntityAsync(partition, SlotRowKey(slot.Slot), new ETag(slot.ETag), cancellationToken);
            return response.Status != 404;
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            return false;
        }
    }

    /// <summary>Reads a row, or null if there is none. <paramref name="summaryOnly"/> skips the payload columns.</summary>
    public async Task<InstanceRecord?> GetAsync(string instanceId, bool summaryOnly = false, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(
            InstanceIds.PartitionOf(instanceId), instanceId, summaryOnly ? InstanceColumns.Summary : null, cancellationToken);
        return response.HasValue ? InstanceRecord.FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// Merges <paramref name="columns"/> into the row if it still has <paramref name="etag"/>; returns the new ETag.
    /// With <paramref name="freeSlot"/>, the instance gives that slot back in the same transaction (it is ending).
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The row changed since it was read.</exception>
    /// <exception cref="InstanceNotFoundException">The row is gone (purged).</exception>
    public async Task<string> MergeAsync(string instanceId, string etag, IDictionary<string, object?> columns, int? freeSlot = null, CancellationToken cancellationToken = default)
    {
        var row = ToEntity(instanceId, columns);
        try
        {
            if (freeSlot is not { } slot)
            {
                var response = await Table.UpdateEntityAsync(row, new ETag(etag), TableUpdateMode.Merge, cancellationToken);
                return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag.");
            }

            var batch = await Table.SubmitTransactionAsync(
                [new(TableTransactionActionType.UpdateMerge, row, new ETag(etag)), DeleteSlot(row.PartitionKey, slot)], cancellationToken);
            return batch.Value[0].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag.");
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex == 1)
        {
            // The slot row is gone already (removed by hand, say): end the instance all the same.
            return await MergeAsync(instanceId, etag, columns, freeSlot: null, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new ConcurrencyConflictException(instanceId);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new InstanceNotFoundException(instanceId);
        }
    }

    /// <summary>
    /// Deletes the row whatever its state, and the slot it holds; returns false if it did not exist. A slot is only
    /// freed with the row as read (<paramref name="etag"/>): if the row has changed meanwhile, nothing is deleted and
    /// <see cref="ConcurrencyConflictException"/> says to read it again.
    /// </summary>
    public async Task<bool> DeleteAsync(string instanceId, string? etag = null, int? freeSlot = null, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var partition = InstanceIds.PartitionOf(instanceId);
        try
        {
            if (freeSlot is { } slot)
            {
                await Table.SubmitTransactionAsync(
                    [
                        new(TableTransactionActionType.Delete, new TableEntity(partition, instanceId), etag is null ? ETag.All : new ETag(etag)),
                        DeleteSlot(partition, slot),
                    ],
                    cancellationToken);
                return true;
            }

            // The SDK reports a missing entity as a 404 response rather than an exception.
            var response = await Table.DeleteEntityAsync(partition, instanceId, etag is null ? ETag.All : new ETag(etag), cancellationToken);
            return response.Status != 404;
        }
        catch (TableTransactionFailedException e) when (e.Status == 404 && e.FailedTransactionActionIndex == 1)
        {
            return await DeleteAsync(instanceId, etag, freeSlot: null, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            throw new ConcurrencyConflictException(instanceId);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return false;
        }
    }

    /// <summary>One page of rows matching an OData filter, without payload columns.</summary>
    public async Task<(IReadOnlyList<InstanceRecord> Rows, string? ContinuationToken)> QueryAsync(
        string? filter, int pageSize, string? continuationToken, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var pages = Table.QueryAsync<TableEntity>(filter, pageSize, InstanceColumns.Summary, cancellationToken)
            .AsPages(continuationToken, pageSize);
        await foreach (var page in pages)
        {
            // Rows of another layout (an earlier build's data in the same table) are not instances of this one.
            return (page.Values.Where(e => InstanceIds.IsWellFormed(e.RowKey)).Select(InstanceRecord.FromEntity).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    // Freeing a slot goes with the holder's own conditional write, so the slot row is deleted unconditionally.
    private static TableTransactionAction DeleteSlot(string partition, int slot) =>
        new(TableTransactionActionType.Delete, new TableEntity(partition, SlotRowKey(slot)) { ETag = ETag.All });

    private static string SlotRowKey(int slot) => SlotRowPrefix + slot.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Null means "no value": such columns are left out rather than sent as typed nulls.
    private static TableEntity ToEntity(string instanceId, IDictionary<string, object?> columns)
    {
        var entity = new TableEntity(InstanceIds.PartitionOf(instanceId), instanceId);
        foreach (var (name, value) in columns)
        {
            if (value is not null)
            {
                entity[name] = value;
            }
        }

        return entity;
    }
}
