using Azure.Data.Tables;
using Microsoft.DurableTask;

namespace DurableMcp.Tools.Etl;

/// <summary>Creates the table if it does not exist; true when it already holds rows (then the user is asked first).</summary>
public sealed class PrepareEtlTable(EtlStorage storage) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input)
    {
        var table = storage.Table(input);
        await table.CreateIfNotExistsAsync();
        await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"]))
        {
            return true;
        }

        return false;
    }
}
