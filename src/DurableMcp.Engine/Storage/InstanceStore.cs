using Azure;
using Azure.Data.Tables;

namespace DurableMcp.Engine.Storage;

/// <summary>
/// The instances table. Owns ETags and the translation of 404/409/412; nothing above it sees Azure types.
/// Updates are merges: a writer sends only the columns it owns, so concurrent writers of other columns are
/// preserved, and the ETag condition tells a writer that someone else changed the row.
/// </summary>
internal sealed class InstanceStore(TaskHubStorage storage)
{
    private TableClient Table => storage.Instances;

    /// <summary>Inserts a new row; returns false if the id exists already.</summary>
    public async Task<bool> TryInsertAsync(string instanceId, IDictionary<string, object?> columns, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var entity = ToEntity(instanceId, columns);
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

    /// <summary>Reads a row, or null if there is none. <paramref name="summaryOnly"/> skips the payload columns.</summary>
    public async Task<InstanceRecord?> GetAsync(string instanceId, bool summaryOnly = false, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var response = await Table.GetEntityIfExistsAsync<TableEntity>(
            instanceId, InstanceColumns.RowKey, summaryOnly ? InstanceColumns.Summary : null, cancellationToken);
        return response.HasValue ? InstanceRecord.FromEntity(response.Value!) : null;
    }

    /// <summary>
    /// Merges <paramref name="columns"/> into the row if it still has <paramref name="etag"/>; returns the new ETag.
    /// </summary>
    /// <exception cref="ConcurrencyConflictException">The row changed since it was read.</exception>
    /// <exception cref="InstanceNotFoundException">The row is gone (purged).</exception>
    public async Task<string> MergeAsync(string instanceId, string etag, IDictionary<string, object?> columns, CancellationToken cancellationToken = default)
    {
        var entity = ToEntity(instanceId, columns);
        try
        {
            var response = await Table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Merge, cancellationToken);
            return response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag.");
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

    /// <summary>Deletes the row whatever its state; returns false if it did not exist.</summary>
    public async Task<bool> DeleteAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        try
        {
            // The SDK reports a missing entity as a 404 response rather than an exception.
            var response = await Table.DeleteEntityAsync(instanceId, InstanceColumns.RowKey, ETag.All, cancellationToken);
            return response.Status != 404;
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
            return (page.Values.Select(InstanceRecord.FromEntity).ToList(), page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>Counts rows matching an OData filter, up to <paramref name="atMost"/>, fetching only their keys.</summary>
    public async Task<int> CountAsync(string filter, int atMost, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var count = 0;
        await foreach (var page in Table.QueryAsync<TableEntity>(filter, Math.Min(atMost, 1000), ["PartitionKey"], cancellationToken).AsPages())
        {
            count += page.Values.Count;
            if (count >= atMost)
            {
                return atMost;
            }
        }

        return count;
    }

    // Null means "no value": such columns are left out rather than sent as typed nulls.
    private static TableEntity ToEntity(string instanceId, IDictionary<string, object?> columns)
    {
        var entity = new TableEntity(instanceId, InstanceColumns.RowKey);
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
