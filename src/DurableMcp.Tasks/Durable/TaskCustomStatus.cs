using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableMcp.Tasks.Durable;

/// <summary>
/// The custom status a tool's orchestration publishes: its public face while it runs. <see cref="Message"/> becomes the
/// task's <c>statusMessage</c>; <see cref="InputRequests"/> holds every question still open (MCP <c>InputRequest</c>
/// objects by key), which makes the task <c>input_required</c>. Persisted by Durable Functions: a compatibility contract.
/// </summary>
public sealed record TaskCustomStatus
{
    /// <summary>What the task is doing, for people.</summary>
    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; init; }

    /// <summary>Open questions by key, each an MCP <c>InputRequest</c> (<c>{method: "elicitation/create", params}</c>).</summary>
    [JsonPropertyName("inputRequests")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyDictionary<string, JsonElement>? InputRequests { get; init; }
}
