using System.Text.Json;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Protocol;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>
/// Renders an orchestration instance in the 2025-11-25 shapes. The state is the same as the 2026-07-28 rendering
/// except that a tool result with <c>isError: true</c> ends the task <c>failed</c> (2025 semantics).
/// </summary>
internal static class TaskMapper2025
{
    /// <summary>
    /// The task. <paramref name="instance"/> must carry its output when completed (or <paramref name="isErrorResult"/>
    /// must say whether it is an error), and its resolved waits when running.
    /// </summary>
    public static Task2025 ToTask(TaskRecord instance, DurableTasksOptions options, bool? isErrorResult = null)
    {
        var failedResult = instance.Status == TaskRunStatus.Completed && (isErrorResult ?? IsErrorResult(instance.Output));
        var status = failedResult ? TaskStatusNames.Failed
            : instance.InputRequests.Count > 0 ? TaskStatusNames.InputRequired
            : TaskStatusNames.From(instance.Status);
        return new Task2025
        {
            TaskId = instance.TaskId,
            Status = status,
            StatusMessage = instance.StatusMessage ?? (instance.Status == TaskRunStatus.Failed ? TaskMapper.ToError(instance.Failure).Message : null),
            CreatedAt = TaskMapper.Timestamp(instance.CreatedAt),
            LastUpdatedAt = TaskMapper.Timestamp(instance.LastUpdatedAt),
            Ttl = TaskMapper.TtlMs(instance),
            PollInterval = instance.Status.IsTerminal() ? null : (long)options.PollInterval.TotalMilliseconds,
        };
    }

    /// <summary>True for a <c>CallToolResult</c> with <c>isError: true</c>.</summary>
    public static bool IsErrorResult(JsonElement? output) =>
        output is { ValueKind: JsonValueKind.Object } result &&
        result.TryGetProperty("isError", out var isError) && isError.ValueKind == JsonValueKind.True;
}
