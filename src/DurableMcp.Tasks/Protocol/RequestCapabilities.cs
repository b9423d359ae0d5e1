using System.Text.Json.Nodes;
using ModelContextProtocol;
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

    /// <summary>
    /// Refuses a 2026-07-28 (or later) request whose client did not declare the tasks extension on this very request:
    /// -32021 with <c>data.requiredCapabilities.extensions["io.modelcontextprotocol/tasks"] = {}</c>. Requests of the
    /// 2025-11-25 revision pass: that revision has no extensions and negotiates tasks at <c>initialize</c>.
    /// </summary>
    public static void RequireTasksExtension(JsonRpcRequest request, string message)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (TasksProtocol.IsJuly2026OrLater(request.Context?.ProtocolVersion) && !SupportsTasks(request))
        {
            throw TasksExtensionMissing(message);
        }
    }

    /// <summary>The -32021 error naming the tasks extension as the capability the client must declare.</summary>
    public static MissingRequiredClientCapabilityException TasksExtensionMissing(string message) => new(
        new ClientCapabilities { Extensions = new Dictionary<string, object> { [TasksProtocol.ExtensionId] = new JsonObject() } },
        message);

    /// <summary>True when the client can show its user a form on this request (an empty elicitation capability means form).</summary>
    public static bool SupportsFormElicitation(JsonRpcRequest request) =>
        request.Context?.ClientCapabilities?.Elicitation?.Form is not null ||
        (request.Params?["_meta"]?[ClientCapabilitiesMetaKey]?["elicitation"] is JsonObject elicitation && (elicitation.ContainsKey("form") || !elicitation.ContainsKey("url")));
}
