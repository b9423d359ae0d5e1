using System.Text.Json;
using System.Text.Json.Serialization;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Protocol;

/// <summary>The result of <c>tasks/get</c>: the task's state, with the outcome inlined once it is terminal.</summary>
internal sealed class GetTaskResult : Result
{
    public GetTaskResult() => ResultType = "complete";

    [JsonPropertyName("taskId")]
    public required string TaskId { get; init; }

    [JsonPropertyName("status")]
    public required string Status { get; init; }

    [JsonPropertyName("statusMessage")]
    public string? StatusMessage { get; init; }

    [JsonPropertyName("createdAt")]
    public required string CreatedAt { get; init; }

    [JsonPropertyName("lastUpdatedAt")]
    public required string LastUpdatedAt { get; init; }

    [JsonPropertyName("ttlMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? TtlMs { get; init; }

    [JsonPropertyName("pollIntervalMs")]
    public long? PollIntervalMs { get; init; }

    /// <summary>Every outstanding question by key, when <c>input_required</c> (repeated on every poll until answered).</summary>
    [JsonPropertyName("inputRequests")]
    public IReadOnlyDictionary<string, InputRequest>? InputRequests { get; init; }

    /// <summary>The tool's <c>CallToolResult</c>, when completed.</summary>
    [JsonPropertyName("result")]
    public JsonElement? Result { get; init; }

    /// <summary>A JSON-RPC error object, when failed.</summary>
    [JsonPropertyName("error")]
    public TaskError? Error { get; init; }
}
