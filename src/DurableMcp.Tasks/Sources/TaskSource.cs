using System.Text.Json;
using DurableMcp.Tasks.Durable;

namespace DurableMcp.Tasks.Sources;

/// <summary>An earlier task, as a tool that reads its outputs sees it: what ran, how it ended, and its result.</summary>
/// <param name="TaskId">The task id.</param>
/// <param name="Tool">The tool that ran (the orchestration's name).</param>
/// <param name="Status">Where it stands.</param>
/// <param name="Result">Its <c>CallToolResult</c> (JSON), once completed.</param>
public sealed record TaskSource(string TaskId, string Tool, TaskRunStatus Status, JsonElement? Result)
{
    /// <summary>True when the task completed with a result that is not an <c>isError</c> one.</summary>
    public bool Succeeded => Status == TaskRunStatus.Completed && Result is { ValueKind: JsonValueKind.Object } result &&
        !(result.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True);

    /// <summary>The result's <c>structuredContent</c>, when it has one.</summary>
    public JsonElement? StructuredContent => Result is { ValueKind: JsonValueKind.Object } result &&
        result.TryGetProperty("structuredContent", out var content) && content.ValueKind == JsonValueKind.Object ? content : null;
}
