using System.Text.RegularExpressions;

namespace DurableMcp.Bench;

/// <summary>
/// Names a storage request by what it does, so counts can be compared across task hubs and instances:
/// <c>"{service} {method} {resource}"</c>, the task hub's name replaced by <c>{hub}</c>, keys, message ids and blob names
/// left out, control queues folded into <c>control-*</c>, and the operation flags of the query (<c>comp</c>,
/// <c>restype</c>, <c>peekonly</c>, <c>$filter</c>) kept. For example <c>table GET {hub}Instances(entity)</c> or
/// <c>queue DELETE {hub}-workitems/messages/{id}</c>.
/// </summary>
internal static partial class StorageRequestKind
{
    public static string Of(string service, string method, string target, string? hubName)
    {
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var path = Uri.UnescapeDataString(question < 0 ? target : target[..question]);
        var query = question < 0 ? "" : target[(question + 1)..];

        // Azurite is addressed path-style: the first segment is the account.
        var segments = path.Trim('/').Split('/');
        var resource = segments.Length < 2 ? "(account)" : service switch
        {
            "table" => Table(segments[1], query),
            "queue" => Queue(segments, query),
            _ => Blob(segments, query),
        };
        if (hubName is { Length: > 0 })
        {
            resource = resource.Replace(hubName, "{hub}", StringComparison.OrdinalIgnoreCase);
        }

        return $"{service} {method} {resource}";
    }

    private static string Table(string segment, string query)
    {
        var open = segment.IndexOf('(', StringComparison.Ordinal);
        var name = open < 0 ? segment : segment[..open];
        var address = open < 0 ? "" : segment[open..].Contains("PartitionKey", StringComparison.Ordinal) ? "(entity)" : "()";
        return name + address + (query.Contains("$filter", StringComparison.Ordinal) ? "?$filter" : "");
    }

    private static string Queue(string[] segments, string query)
    {
        var queue = ControlQueue().Replace(segments[1], "-control-*");
        var resource = segments.Length switch
        {
            >= 4 when segments[2] == "messages" => $"{queue}/messages/{{id}}",
            3 when segments[2] == "messages" => $"{queue}/messages",
            _ => queue,
        };
        return resource + Flags(query, "comp", "peekonly");
    }

    private static string Blob(string[] segments, string query) =>
        (segments.Length >= 3 ? $"{segments[1]}/{{blob}}" : segments[1]) + Flags(query, "restype", "comp");

    private static string Flags(string query, params string[] names)
    {
        var flags = query.Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Where(pair => names.Contains(pair[0], StringComparer.OrdinalIgnoreCase))
            .Select(pair => pair.Length == 2 ? $"{pair[0]}={pair[1]}" : pair[0])
            .ToList();
        return flags.Count == 0 ? "" : "?" + string.Join('&', flags);
    }

    [GeneratedRegex(@"-control-\d+$")]
    private static partial Regex ControlQueue();
}
