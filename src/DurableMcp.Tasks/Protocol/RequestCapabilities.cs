using System.Text.Json.Nodes;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Protocol;

/// <summary>
/// What the client declared on this one request. The 2026-07-28 core is stateless: capabilities travel in each
/// request's <c>_meta</c> and must not be inferred from earlier requests.
/// </summary>
internal static class RequestCapabilities
{
    private const string ClientCapabilitiesMetaKey = "io.modelcontextprotocol/clientCapabilities";

    public static bool SupportsTasks(JsonRpcRequest request) =>
        TasksProtocol.IsJuly2026OrLater(request.Context?.ProtocolVersion) &&
        (request.Context?.ClientCapabilities?.Extensions?.ContainsKey(TasksProtocol.ExtensionId) is true ||
         request.Params?["_meta"]?[ClientCapabilitiesMetaKey]?["extensions"] is JsonObject extensions && extensions.ContainsKey(TasksProtocol.ExtensionId));

    /// <summary>True when the client can show its user a form on this request (an empty elicitation capability means form).</summary>
    public static bool SupportsFormElicitation(JsonRpcRequest request) =>
        request.Context?.ClientCapabilities?.Elicitation?.Form is not null ||
        (request.Params?["_meta"]?[ClientCapabilitiesMetaKey]?["elicitation"] is JsonObject elicitation && (elicitation.ContainsKey("form") || !elicitation.ContainsKey("url")));
}
