using System.ComponentModel;
using DurableMcp.Engine;
using DurableMcp.Tasks.Tools;
using ModelContextProtocol.Server;

namespace DurableMcp.Protocol2025.Tests.Infrastructure;

/// <summary>Durable tools the app does not have: one that runs only as a task, one that waits for an hour.</summary>
public sealed class RequiredTaskTools
{
    public const string TaskOnlyTool = "export_archive";
    public const string SlowTool = "wait_for_approval";

    [McpServerTool(Name = TaskOnlyTool, Title = "Export an archive")]
    [Description("Exports an archive; runs only as a task.")]
    [DurableTool(TaskSupport.Required)]
    public static async Task<string> ExportAsync(IOrchestrationContext context, [Description("The archive name.")] string archive)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parts = await context.StepAsync("export", _ => Task.FromResult(3));
        return $"Exported {archive} in {parts} parts.";
    }

    [McpServerTool(Name = SlowTool, Title = "Wait for an approval")]
    [Description("Waits a long while for an approval event (a durable wait: nothing held in memory).")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<string> WaitAsync(IOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var approval = await context.WaitForEventAsync("approval", new WaitOptions { Timeout = TimeSpan.FromHours(1) });
        return approval.TimedOut ? "No approval." : "Approved.";
    }
}
