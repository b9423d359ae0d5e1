using Azure;
using Azure.Data.Tables;
using Microsoft.DurableTask;

namespace DurableMcp.Tools.Etl;

/// <summary>
/// Deletes every row of the table (the user chose replace), in transactions of up to 100 rows of one partition; returns
/// how many. Rows are deleted rather than the table: a deleted table's name cannot be reused for a while in Azure.
/// Running it again (after a crash) deletes what is left.
/// </summary>
public sealed class ClearEtlTable(EtlStorage storage) : TaskActivity<string, long>
{
    public override async Task<long> RunAsync(TaskActivityContext context, string input)
    {
        var table = storage.Table(input);
        var deleted = 0L;
        var batch = new List<TableTransactionAction>(EtlTableWriter.MaxBatchRows);
        string? partition = null;
        await foreach (var entity in table.QueryAsync<TableEntity>(select: ["PartitionKey", "RowKey"]))
        {
            if (batch.Count == EtlTableWriter.MaxBatchRows || (partition is not null && partition != entity.PartitionKey))
            {
                deleted += await DeleteAsync(table, batch);
            }

            partition = entity.PartitionKey;
            batch.Add(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(entity.PartitionKey, entity.RowKey), ETag.All));
        }

        return deleted + await DeleteAsync(table, batch);
    }

    private static async Task<int> DeleteAsync(TableClient table, List<TableTransactionAction> batch)
    {
        var count = batch.Count;
        if (count > 0)
        {
            await table.SubmitTransactionAsync(batch);
            batch.Clear();
        }

        return count;
    }
}
