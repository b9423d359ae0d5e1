using Azure.Data.Tables;

namespace DurableMcp.Engine.Storage;

/// <summary>Turns an <see cref="InstanceQuery"/> into an OData filter (values escaped by the SDK).</summary>
internal static class InstanceFilter
{
    public static string Build(InstanceQuery query)
    {
        var clauses = new List<string> { TableClient.CreateQueryFilter($"RowKey lt {InstanceColumns.OtherRowsFrom}") };
        if (query.Statuses is { Count: > 0 } statuses)
        {
            clauses.Add("(" + string.Join(" or ", statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        }

        if (query.Owner is { } owner)
        {
            // One partition holds all of an owner's instances: a partition query, not a table scan.
            clauses.Insert(0, TableClient.CreateQueryFilter($"PartitionKey eq {InstanceIds.PartitionOfOwner(owner)}"));
            clauses.Add(TableClient.CreateQueryFilter($"Owner eq {owner}"));
        }

        if (query.ExpiredAtOrBefore is { } expiry)
        {
            clauses.Add(TableClient.CreateQueryFilter($"ExpiresAt le {expiry}"));
        }

        return string.Join(" and ", clauses);
    }
}
