using System.Text.Json.Nodes;

namespace DurableMcp.FunctionApp.Security;

/// <summary>JSON-RPC error bodies for requests refused before they reach the MCP handler (so the id is unknown).</summary>
internal static class JsonRpcErrors
{
    public static JsonObject Create(int code, string message) => new()
    {
        ["jsonrpc"] = "2.0",
        ["id"] = null,
        ["error"] = new JsonObject { ["code"] = code, ["message"] = message },
    };
}
