using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;

namespace DurableMcp.Tasks.Subscriptions;

/// <summary>
/// The task part of a <c>subscriptions/listen</c> request: <c>params.notifications.taskIds</c>, which the SDK's
/// <c>SubscriptionsListenNotifications</c> does not carry (it belongs to the Tasks extension), read from the raw params.
/// </summary>
internal static class ListenRequest
{
    /// <summary>True when the listen asks for task notifications at all (<c>taskIds</c> present and not null, whatever its shape).</summary>
    public static bool AsksForTasks(JsonNode? parameters) =>
        parameters?["notifications"] is JsonObject notifications && notifications.TryGetPropertyValue("taskIds", out var value) && value is not null;

    /// <summary>
    /// The distinct task ids asked for, in the order first named; null when the listen asks for no task notifications.
    /// Anything but an array of strings is -32602.
    /// </summary>
    public static IReadOnlyList<string>? ReadTaskIds(JsonNode? parameters)
    {
        if (!AsksForTasks(parameters))
        {
            return null;
        }

        if (parameters!["notifications"]!["taskIds"] is not JsonArray array || array.Any(id => id?.GetValueKind() != JsonValueKind.String))
        {
            throw new McpProtocolException("params.notifications.taskIds of subscriptions/listen must be an array of task id strings.", McpErrorCode.InvalidParams);
        }

        return array.Select(id => id!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList();
    }
}
