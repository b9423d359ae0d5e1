using System.Text.Json.Serialization;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>The result of <c>tasks/list</c>: one page of the caller's tasks.</summary>
internal sealed record ListTasksResult2025
{
    [JsonPropertyName("tasks")]
    public required IReadOnlyList<Task2025> Tasks { get; init; }

    /// <summary>An opaque cursor for the next page; absent on the last page.</summary>
    [JsonPropertyName("nextCursor")]
    public string? NextCursor { get; init; }
}
