using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tasks.Subscriptions;

/// <summary>
/// Keeps <c>server/discover</c> honest once this layer owns <c>subscriptions/listen</c>: with a custom listen handler
/// the SDK advertises the authored <c>listChanged</c> flags, assuming the handler delivers them, but a listen stream here
/// carries task notifications only (the tool, prompt and resource lists never change at run time). An outgoing filter
/// drops those flags from the discover result, as the SDK does for a stateless server without a listen handler.
/// </summary>
internal static class ListChangedTrimmer
{
    public static McpMessageHandler Outgoing(McpMessageHandler next) => (context, cancellationToken) =>
    {
        // Only a DiscoverResult carries supportedVersions next to capabilities.
        if (context.JsonRpcMessage is JsonRpcResponse { Result: JsonObject result } &&
            result["supportedVersions"] is JsonArray && result["capabilities"] is JsonObject capabilities)
        {
            Trim(capabilities);
        }

        return next(context, cancellationToken);
    };

    public static void Trim(JsonObject capabilities)
    {
        ArgumentNullException.ThrowIfNull(capabilities);
        foreach (var kind in new[] { "tools", "prompts", "resources" })
        {
            (capabilities[kind] as JsonObject)?.Remove("listChanged");
        }
    }
}
