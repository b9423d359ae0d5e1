using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.FunctionApp.Mcp;

/// <summary>
/// Request fields the MCP SDK trips over instead of refusing: the routing field matched against <c>Mcp-Name</c> must
/// be a string (the SDK reads it as one and throws otherwise), a tool call's <c>arguments</c> must be an object (the SDK
/// answers anything else with a bare -32603), and <c>initialize</c> needs its version, capabilities and client info
/// (the SDK throws without them); and params, when sent, must be an object. All are the caller's mistake: -32602, naming the field.
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

    /// <summary>What is wrong with a whole request as sent (its id, method and params), as a JSON-RPC error, or null.</summary>
    public static (int Code, string Message)? Problem(JsonObject request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.TryGetPropertyValue("id", out var id) && id?.GetValueKind() is not (JsonValueKind.String or JsonValueKind.Number))
        {
            return (-32600, $"A request's id must be a string or a number, not {(id is null ? "null" : Describe(id))}.");
        }

        var method = request["method"] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
        return Problem(method, request["params"]) is { } problem ? (-32602, problem) : null;
    }

    /// <summary>What is wrong with the request's params, or null.</summary>
    public static string? Problem(string? method, JsonNode? parameters)
    {
        if (method is null || parameters is null)
        {
            return null;
        }

        if (parameters is not JsonObject fields)
        {
            return $"params of {method} must be an object, not {Describe(parameters)}.";
        }

        if (method == "initialize" && InitializeProblem(fields) is { } initialize)
        {
            return initialize;
        }

        if (RoutingFields.TryGetValue(method, out var routing) && fields[routing] is { } value && value.GetValueKind() != JsonValueKind.String)
        {
            return $"params.{routing} of {method} must be a string, not {Describe(value)}.";
        }

        return method == "tools/call" && fields["arguments"] is { } arguments && arguments.GetValueKind() != JsonValueKind.Object
            ? $"params.arguments of tools/call must be an object holding the tool's arguments by name, not {Describe(arguments)}."
            : null;
    }

    // The SDK dereferences these without checking them (a 2025-11-25 initialize with other params threw).
    private static string? InitializeProblem(JsonObject fields) =>
        fields["protocolVersion"] is not { } version || version.GetValueKind() != JsonValueKind.String ? "params.protocolVersion of initialize must be a string."
        : fields["capabilities"] is not { } capabilities || capabilities.GetValueKind() != JsonValueKind.Object ? "params.capabilities of initialize must be an object."
        : fields["clientInfo"] is not JsonObject client || client["name"]?.GetValueKind() != JsonValueKind.String || client["version"]?.GetValueKind() != JsonValueKind.String
            ? "params.clientInfo of initialize must be an object with a string name and version."
            : null;

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
