using System.Text.Json.Serialization;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>The params of <c>tasks/list</c>.</summary>
internal sealed record ListTasksParams2025
{
    [JsonPropertyName("cursor")]
    public string? Cursor { get; init; }
}
