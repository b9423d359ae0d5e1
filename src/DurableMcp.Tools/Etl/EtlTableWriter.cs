using Azure.Data.Tables;

namespace DurableMcp.Tools.Etl;

/// <summary>
/// Upserts rows in entity-group transactions: up to 100 rows of one partition and well under the 4 MiB a transaction
/// may carry. Upsert (replace) with keys fixed by the rows themselves makes every write repeatable: a chunk loaded twice
/// (an activity run again after a crash) leaves the same rows, never duplicates. A row the service refuses is handed
/// back as rejected, with the service's reason, and the rest of its transaction is sent again.
/// </summary>
internal sealed class EtlTableWriter(TableClient table, Func<TableEntity, long, string, Task> reject)
{
    /// <summary>Most rows in one transaction (the service's limit).</summary>
    public const int MaxBatchRows = 100;

    /// <summary>A transaction is sent once its rows hold this much (the service's limit is 4 MiB).</summary>
    private const long MaxBatchBytes = 3 * 1024 * 1024;

    private readonly Dictionary<string, Batch> _pending = new(StringComparer.Ordinal);

    /// <summary>Rows the table took.</summary>
    public long Loaded { get; private set; }

    /// <summary>Rows of a batch that an earlier row with the same keys replaced before it was sent (the later one wins).</summary>
    public long Replaced { get; private set; }

    public async Task AddAsync(TableEntity entity, long row, long approximateBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        if (!_pending.TryGetValue(entity.PartitionKey, out var batch))
        {
            _pending[entity.PartitionKey] = batch = new Batch();
        }

        if (batch.Rows.Remove(entity.RowKey, out var earlier))
        {
            batch.Bytes -= earlier.Bytes;
            Replaced++;
        }

        batch.Rows[entity.RowKey] = (entity, row, approximateBytes);
        batch.Bytes += approximateBytes;
        if (batch.Rows.Count == MaxBatchRows || batch.Bytes >= MaxBatchBytes)
        {
            await SendAsync(entity.PartitionKey, batch, cancellationToken);
        }
    }

    /// <summary>Sends what is pending, partition by partition in key order.</summary>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        foreach (var partition in _pending.Keys.Order(StringComparer.Ordinal).ToList())
        {
            await SendAsync(partition, _pending[partition], cancellationToken);
        }
    }

    private async Task SendAsync(string partition, Batch batch, CancellationToken cancellationToken)
    {
        var entities = batch.Rows.Values.Select(r => (r.Entity, r.Row)).ToList();
        _pending.Remove(partition);
        while (entities.Count > 0)
        {
            try
            {
                await table.SubmitTransactionAsync(entities.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e.Entity)), cancellationToken);
                Loaded += entities.Count;
                return;
            }
            catch (TableTransactionFailedException e) when (e.FailedTransactionActionIndex is { } index && index < entities.Count)
            {
                await reject(entities[index].Entity, entities[index].Row, FirstLine(e.Message));
                entities.RemoveAt(index);
            }
        }
    }

    private static string FirstLine(string message) => message.Split('\n', 2)[0].Trim();

    private sealed class Batch
    {
        public Dictionary<string, (TableEntity Entity, long Row, long Bytes)> Rows { get; } = new(StringComparer.Ordinal);

        public long Bytes { get; set; }
    }
}
