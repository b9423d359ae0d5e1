using System.Text.Json.Serialization;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary><c>params.task</c> of a task-augmented request: the client asks for a task and may request a lifetime.</summary>
internal sealed record TaskMetadata2025
{
    /// <summary>Requested milliseconds from creation until the task may be deleted; the server clamps it to its maximum.</summary>
    [JsonPropertyName("ttl")]
    public long? Ttl { get; init; }
}
