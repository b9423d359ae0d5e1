using System.Text.Json.Serialization;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>The 2025-11-25 <c>Task</c>: the result of <c>tasks/get</c> and <c>tasks/cancel</c>, an entry of <c>tasks/list</c>.</summary>
internal sealed record Task2025
{
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
    [JsonPropertyName("ttl")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public long? Ttl { get; init; }

    [JsonPropertyName("pollInterval")]
    public long? PollInterval { get; init; }
}
