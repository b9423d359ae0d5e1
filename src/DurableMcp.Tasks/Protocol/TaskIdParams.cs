using System.Text.Json.Serialization;

namespace DurableMcp.Tasks.Protocol;

/// <summary>The params of <c>tasks/get</c> and <c>tasks/cancel</c>.</summary>
internal sealed record TaskIdParams
{
    [JsonPropertyName("taskId")]
    public string? TaskId { get; init; }
}
