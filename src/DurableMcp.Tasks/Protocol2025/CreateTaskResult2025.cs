using System.Text.Json.Serialization;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>The 2025-11-25 answer to a task-augmented <c>tools/call</c>: the new task, nested under <c>task</c>.</summary>
internal sealed class CreateTaskResult2025 : Result
{
    [JsonPropertyName("task")]
    public required Task2025 Task { get; init; }
}
