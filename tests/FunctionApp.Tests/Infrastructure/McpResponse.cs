using System.Net;
using System.Text.Json.Nodes;
using Xunit.Sdk;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>One HTTP answer of the MCP endpoint: the status, the raw body and, when there is one, the JSON-RPC message in it.</summary>
internal sealed record McpResponse(HttpStatusCode StatusCode, string? ContentType, string Body, JsonObject? Message, IReadOnlyDictionary<string, string> Headers)
{
    public JsonNode? Result => Message?["result"];

    public JsonNode? Error => Message?["error"];

    public int? ErrorCode => Error?["code"]?.GetValue<int>();

    public string? ErrorMessage => Error?["message"]?.GetValue<string>();

    /// <summary>The result; fails the test, showing the whole answer, when there is none.</summary>
    public JsonObject RequireResult() =>
        Result as JsonObject ?? throw new XunitException($"Expected a JSON-RPC result, got {this}");

    /// <summary>The error code; fails the test, showing the whole answer, when there is no error.</summary>
    public int RequireErrorCode() =>
        ErrorCode ?? throw new XunitException($"Expected a JSON-RPC error, got {this}");

    public override string ToString() =>
        $"HTTP {(int)StatusCode} ({ContentType ?? "no content type"}): {(Body.Length <= 2000 ? Body : Body[..2000] + "…")}";
}
