using Microsoft.Extensions.Logging;

namespace DurableMcp.Tasks.Logging;

/// <summary>The task layer's log events; EventIds 2000-2099 are reserved for it and kept here.</summary>
internal static partial class TasksLog
{
    [LoggerMessage(2000, LogLevel.Information, "Tool {Tool} started as task {TaskId}")]
    public static partial void TaskCreated(ILogger logger, string tool, string taskId);

    [LoggerMessage(2001, LogLevel.Information, "Tool {Tool} runs inline as {TaskId} (the client did not ask for a task)")]
    public static partial void RunningInline(ILogger logger, string tool, string taskId);

    [LoggerMessage(2003, LogLevel.Information, "Task {TaskId} received {Count} answers")]
    public static partial void TaskAnswered(ILogger logger, string taskId, int count);

    [LoggerMessage(2002, LogLevel.Information, "Task {TaskId} cancelled by the client")]
    public static partial void TaskCancelled(ILogger logger, string taskId);
}
