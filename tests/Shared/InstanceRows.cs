using Azure.Data.Tables;

namespace DurableMcp.Testing;

/// <summary>
/// Where the engine keeps an instance in its instances table (see the README's storage layout), for tests that check
/// storage directly: partition = the id's first 16 characters, row key = the id; its events are rows
/// <c>~event:{id}:{key}</c> in the same partition.
/// </summary>
internal static class InstanceRows
{
    public static string PartitionOf(string instanceId) => instanceId[..16];

    /// <summary>The key of the instance row, to read or merge it.</summary>
    public static TableEntity KeyOf(string instanceId) => new(PartitionOf(instanceId), instanceId);

    /// <summary>The rows of an instance, named for reading and sorted: "instance" and "event:{key}".</summary>
    public static async Task<List<string>> NamesAsync(TableClient table, string instanceId)
    {
        var names = new List<string>();
        var events = $"~event:{instanceId}:";
        await foreach (var row in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(instanceId)}"), select: ["RowKey"]))
        {
            if (row.RowKey == instanceId)
            {
                names.Add("instance");
            }
            else if (row.RowKey.StartsWith(events, StringComparison.Ordinal))
            {
                names.Add("event:" + row.RowKey[events.Length..]);
            }
        }

        return names.Order(StringComparer.Ordinal).ToList();
    }
}
