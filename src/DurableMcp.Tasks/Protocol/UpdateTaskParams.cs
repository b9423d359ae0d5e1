using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableMcp.Tasks.Protocol;

/// <summary>The params of <c>tasks/update</c>: answers to a task's outstanding questions, by key.</summary>
internal sealed record UpdateTaskParams
{
    [JsonPropertyName("taskId")]
    public string? TaskId { get; init; }

    [JsonPropertyName("inputResponses")]
    public Dictionary<string, JsonElement>? InputResponses { get; init; }
}
