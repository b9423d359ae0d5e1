using DurableMcp.Engine;

namespace DurableMcp.Tasks.Protocol;

/// <summary>The wire names of task states, from the engine's states.</summary>
internal static class TaskStatusNames
{
    public const string Working = "working";
    public const string InputRequired = "input_required";
    public const string Completed = "completed";
    public const string Failed = "failed";
    public const string Cancelled = "cancelled";

    public static string From(OrchestrationStatus status) => status switch
    {
        OrchestrationStatus.Pending or OrchestrationStatus.Running => Working,
        OrchestrationStatus.Completed => Completed,
        OrchestrationStatus.Failed => Failed,
        OrchestrationStatus.Cancelled => Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };
}
