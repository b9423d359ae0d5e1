using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>
/// The JSON-RPC id of an <c>elicitation/create</c> sent on a <c>tasks/result</c> stream: <c>elicit:{taskId}:{key}</c>.
/// It carries everything needed to route the client's response, so the response may reach any server instance.
/// </summary>
internal static class ElicitationId
{
    public static string Format(string taskId, string key) => $"{Tasks2025Protocol.ElicitationIdPrefix}{taskId}:{key}";

    public static bool TryParse(JsonNode? id, out string taskId, out string key)
    {
        taskId = key = "";
        if (id is not JsonValue value || !value.TryGetValue(out string? text) || !text.StartsWith(Tasks2025Protocol.ElicitationIdPrefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = text[Tasks2025Protocol.ElicitationIdPrefix.Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == rest.Length - 1 || !TaskIds.IsWellFormed(rest[..colon]))
        {
            return false;
        }

        (taskId, key) = (rest[..colon], rest[(colon + 1)..]);
        return true;
    }
}
