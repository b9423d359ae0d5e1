using System.Text.Json.Serialization;

namespace DurableMcp.Tasks.Protocol;

/// <summary>A JSON-RPC error object, as inlined in a failed task.</summary>
internal sealed record TaskError(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("message")] string Message);
