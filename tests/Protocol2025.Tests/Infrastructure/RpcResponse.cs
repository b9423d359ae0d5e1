using System.Net;
using System.Text.Json.Nodes;

namespace DurableMcp.Protocol2025.Tests.Infrastructure;

/// <summary>The messages of one HTTP response: server requests first (if any), the JSON-RPC response last.</summary>
internal sealed record RpcResponse(HttpStatusCode Status, IReadOnlyList<JsonObject> Messages, string ServerOutput)
{
    public JsonObject Last => Messages[^1];

    public JsonObject Result => Last["result"] as JsonObject
        ?? throw new Xunit.Sdk.XunitException($"Expected a result, got {Last.ToJsonString()}{Environment.NewLine}{ServerOutput}");

    public int ErrorCode => Last["error"]?["code"]?.GetValue<int>()
        ?? throw new Xunit.Sdk.XunitException($"Expected an error, got {Last.ToJsonString()}");

    public string ErrorMessage => Last["error"]?["message"]?.GetValue<string>() ?? "";
}
