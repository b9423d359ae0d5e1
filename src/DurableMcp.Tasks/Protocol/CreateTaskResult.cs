using System.Text.Json.Serialization;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Protocol;

/// <summary>The flat result of a <c>tools/call</c> that became a task (2026-07-28 Tasks extension).</summary>
internal sealed class CreateTaskResult : Result
{
    public CreateTaskResult() => ResultType = "task";

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

    /// <summary>Milliseconds from creation until the task may be deleted; null for unlimited (always written).</summary>
    [JsonPropertyName("ttlMs")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? TtlMs { get; init; }

    [JsonPropertyName("pollIntervalMs")]
    public long? PollIntervalMs { get; init; }
}
