namespace DurableMcp.Bench;

/// <summary>What a request kind is for in DurableTask.AzureStorage's task hub layout, as far as the kind tells.</summary>
internal static class StorageRequestMeaning
{
    private static readonly (string Service, string Method, string ResourceStart, string Meaning)[] Rules =
    [
        ("queue", "GET", "{hub}-control-*/messages", "receive from a control queue: orchestration messages, empty polls included"),
        ("queue", "POST", "{hub}-control-*/messages", "send an orchestration message: start, activity result, event"),
        ("queue", "DELETE", "{hub}-control-*/messages", "delete a processed orchestration message"),
        ("queue", "PUT", "{hub}-control-*/messages", "change a held orchestration message's visibility"),
        ("queue", "GET", "{hub}-workitems/messages", "receive an activity work item, empty polls included"),
        ("queue", "POST", "{hub}-workitems/messages", "send an activity work item"),
        ("queue", "DELETE", "{hub}-workitems/messages", "delete a processed work item"),
        ("queue", "PUT", "{hub}-workitems/messages", "change a held work item's visibility"),
        ("queue", "GET", "{hub}-control-*?comp=metadata", "control queue length"),
        ("queue", "GET", "{hub}-workitems?comp=metadata", "work item queue length"),
        ("table", "POST", "$batch", "entity group transaction: an episode's history rows"),
        ("table", "GET", "{hub}History", "load an instance's history (an episode without a cached session)"),
        ("table", "GET", "{hub}Instances()", "instance query"),
        ("table", "GET", "{hub}Instances", "read an instance row"),
        ("table", "POST", "{hub}Instances", "insert an instance row"),
        ("table", "PUT", "{hub}Instances", "write an instance row (status, custom status, output)"),
        ("table", "MERGE", "{hub}Instances", "update an instance row (status, custom status, output)"),
        ("table", "PATCH", "{hub}Instances", "update an instance row (status, custom status, output)"),
        ("table", "GET", "{hub}Partitions", "read the partition table (table partition management)"),
        ("table", "PUT", "{hub}Partitions", "claim or renew a partition"),
        ("table", "MERGE", "{hub}Partitions", "claim or renew a partition"),
        ("blob", "PUT", "{hub}-applease", "renew the app lease (one app version works a task hub at a time)"),
        ("blob", "GET", "benchdocs", "the tool reads its documents"),
        ("blob", "PUT", "classifications", "the tool writes its results"),
    ];

    public static string Of(string kind)
    {
        var parts = kind.Split(' ', 3);
        if (parts.Length < 3)
        {
            return "";
        }

        foreach (var (service, method, start, meaning) in Rules)
        {
            if (parts[0] == service && parts[1] == method && parts[2].StartsWith(start, StringComparison.Ordinal))
            {
                return meaning;
            }
        }

        return "";
    }
}
