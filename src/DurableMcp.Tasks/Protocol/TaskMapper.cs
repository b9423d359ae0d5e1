using System.Globalization;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Hosting;
using ModelContextProtocol;

namespace DurableMcp.Tasks.Protocol;

/// <summary>Renders an orchestration instance in the task protocol's shapes.</summary>
internal static class TaskMapper
{
    public static CreateTaskResult ToCreateTaskResult(TaskRecord instance, DurableTasksOptions options) => new()
    {
        TaskId = instance.TaskId,
        Status = TaskStatusNames.From(instance.Status),
        StatusMessage = instance.StatusMessage,
        CreatedAt = Timestamp(instance.CreatedAt),
        LastUpdatedAt = Timestamp(instance.LastUpdatedAt),
        TtlMs = TtlMs(instance),
        PollIntervalMs = (long)options.PollInterval.TotalMilliseconds,
    };

    public static GetTaskResult ToGetTaskResult(TaskRecord instance, DurableTasksOptions options)
    {
        var questions = instance.InputRequests;
        return new()
        {
            TaskId = instance.TaskId,
            Status = questions.Count > 0 ? TaskStatusNames.InputRequired : TaskStatusNames.From(instance.Status),
            InputRequests = questions.Count > 0 ? questions : null,
            StatusMessage = instance.StatusMessage,
            CreatedAt = Timestamp(instance.CreatedAt),
            LastUpdatedAt = Timestamp(instance.LastUpdatedAt),
            TtlMs = TtlMs(instance),
            PollIntervalMs = (long)options.PollInterval.TotalMilliseconds,
            Result = instance.Status == TaskRunStatus.Completed ? instance.Output : null,
            Error = instance.Status == TaskRunStatus.Failed ? ToError(instance.Failure) : null,
        };
    }

    /// <summary>The JSON-RPC error for a failure: the protocol code it carries, else an internal error.</summary>
    public static TaskError ToError(TaskFailure? failure) =>
        new(failure?.Code ?? (int)McpErrorCode.InternalError, failure?.Message ?? "The task failed.");

    public static long? TtlMs(TaskRecord instance) =>
        instance.ExpiresAt is { } expiry ? (long)(expiry - instance.CreatedAt).TotalMilliseconds : null;

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
