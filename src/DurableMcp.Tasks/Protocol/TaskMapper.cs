using System.Globalization;
using DurableMcp.Engine;
using DurableMcp.Tasks.Elicitation;
using DurableMcp.Tasks.Hosting;
using ModelContextProtocol;

namespace DurableMcp.Tasks.Protocol;

/// <summary>Renders an orchestration instance in the task protocol's shapes.</summary>
internal static class TaskMapper
{
    public static CreateTaskResult ToCreateTaskResult(OrchestrationInstance instance, DurableTasksOptions options) => new()
    {
        TaskId = instance.InstanceId,
        Status = TaskStatusNames.From(instance.Status),
        StatusMessage = instance.StatusMessage,
        CreatedAt = Timestamp(instance.CreatedAt),
        LastUpdatedAt = Timestamp(instance.LastUpdatedAt),
        TtlMs = TtlMs(instance),
        PollIntervalMs = (long)options.PollInterval.TotalMilliseconds,
    };

    public static GetTaskResult ToGetTaskResult(OrchestrationInstance instance, DurableTasksOptions options)
    {
        var questions = InputRequests.Outstanding(instance);
        return new()
        {
            TaskId = instance.InstanceId,
            Status = questions.Count > 0 ? TaskStatusNames.InputRequired : TaskStatusNames.From(instance.Status),
            InputRequests = questions.Count > 0 ? questions : null,
            StatusMessage = instance.StatusMessage,
            CreatedAt = Timestamp(instance.CreatedAt),
            LastUpdatedAt = Timestamp(instance.LastUpdatedAt),
            TtlMs = TtlMs(instance),
            PollIntervalMs = (long)options.PollInterval.TotalMilliseconds,
            Result = instance.Status == OrchestrationStatus.Completed ? instance.Output : null,
            Error = instance.Status == OrchestrationStatus.Failed ? ToError(instance.Failure) : null,
        };
    }

    /// <summary>The JSON-RPC error for a failure: the protocol code it carries, else an internal error.</summary>
    public static TaskError ToError(FailureDetails? failure) =>
        failure?.Data is { } data && int.TryParse(data, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code)
            ? new TaskError(code, failure.Message)
            : new TaskError((int)McpErrorCode.InternalError, failure?.Message ?? "The task failed.");

    public static long? TtlMs(OrchestrationInstance instance) =>
        instance.ExpiresAt is { } expiry ? (long)(expiry - instance.CreatedAt).TotalMilliseconds : null;

    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
