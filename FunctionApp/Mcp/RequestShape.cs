using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.FunctionApp.Mcp;

/// <summary>
/// Request fields the MCP SDK trips over instead of refusing: the routing field matched against <c>Mcp-Name</c> must
/// be a string (the SDK reads it as one and throws otherwise), and a tool call's <c>arguments</c> must be an object
/// (the SDK answers anything else with a bare -32603). Both are the caller's mistake: -32602, naming the field.
/// </summary>
internal static class RequestShape
{
    private static readonly Dictionary<string, string> RoutingFields = new(StringComparer.Ordinal)
    {
        ["tools/call"] = "name",
        ["prompts/get"] = "name",
        ["resources/read"] = "uri",
        ["tasks/get"] = "taskId",
        ["tasks/update"] = "taskId",
        ["tasks/cancel"] = "taskId",
        ["tasks/result"] = "taskId",
    };

    /// <summary>What is wrong with the request's shape, or null.</summary>
    public static string? Problem(string? method, JsonNode? parameters)
    {
        if (method is null || parameters is not JsonObject fields)
        {
            return null;
        }

        if (RoutingFields.TryGetValue(method, out var routing) && fields[routing] is { } value && value.GetValueKind() != JsonValueKind.String)
        {
            return $"params.{routing} of {method} must be a string, not {Describe(value)}.";
        }

        return method == "tools/call" && fields["arguments"] is { } arguments && arguments.GetValueKind() != JsonValueKind.Object
            ? $"params.arguments of tools/call must be an object holding the tool's arguments by name, not {Describe(arguments)}."
            : null;
    }

    /// <summary>An incoming message filter: a request of the wrong shape is answered -32602 before any handler runs.</summary>
    public static McpMessageHandler Incoming(McpMessageHandler next) => (context, cancellationToken) =>
        context.JsonRpcMessage is JsonRpcRequest request && Problem(request.Method, request.Params) is { } problem
            ? throw new McpProtocolException(problem, McpErrorCode.InvalidParams)
            : next(context, cancellationToken);

    private static string Describe(JsonNode node) => node.GetValueKind() switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.String => "a string",
        _ => "an object",
    };
}
