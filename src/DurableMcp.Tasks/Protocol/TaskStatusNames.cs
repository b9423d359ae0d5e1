using DurableMcp.Tasks.Durable;

namespace DurableMcp.Tasks.Protocol;

/// <summary>The wire names of task states, from the engine's states.</summary>
internal static class TaskStatusNames
{
    public const string Working = "working";
    public const string InputRequired = "input_required";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static string From(TaskRunStatus status) => status switch
    {
        TaskRunStatus.Pending or TaskRunStatus.Running => Working,
        TaskRunStatus.Completed => Completed,
        TaskRunStatus.Failed => Failed,
        TaskRunStatus.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
