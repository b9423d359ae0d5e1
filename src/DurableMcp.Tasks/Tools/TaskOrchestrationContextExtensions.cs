using Microsoft.DurableTask;

namespace DurableMcp.Tasks.Tools;

/// <summary>What a durable tool tells its client while it runs.</summary>
public static class TaskOrchestrationContextExtensions
{
    /// <summary>Sets the task's <c>statusMessage</c> (for example <c>"40 / 60 documents"</c>); visible from the next checkpoint on.</summary>
    public static void SetStatusMessage(this TaskOrchestrationContext context, string? message)
    {
        ArgumentNullException.ThrowIfNull(context);
        TaskProgress.Of(context).SetMessage(message);
    }
}
