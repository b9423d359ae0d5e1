using System.ComponentModel;
using System.Text.Json;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Protocol2025;
using DurableMcp.Tasks.Tools;
using DurableMcp.Testing;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using ModelContextProtocol.Server;

namespace DurableMcp.Protocol2025.Tests.Infrastructure;

/// <summary>Durable tools the app does not have: one that runs only as a task, one that waits for an hour.</summary>
public static class RequiredTaskTools
{
    public const string TaskOnlyTool = "export_archive";
    public const string SlowTool = "wait_for_approval";

    /// <summary>How often a quiet tasks/result stream sends a keep-alive comment on <see cref="Host"/> (15 s in the product).</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(1);

    /// <summary>An in-process server (no caller identity) with these tools, whose quiet tasks/result streams keep alive every <see cref="KeepAliveInterval"/>.</summary>
    public static InProcessServerOptions Host { get; } = new()
    {
        TaskHubPrefix = "inproc",
        Tools = mcp => mcp.WithDurableTools(typeof(RequiredTaskTools)).WithActivity<ExportParts>(),
        Configure = services => services.GetRequiredService<TaskResultHttpHandler>().KeepAliveInterval = KeepAliveInterval,
    };

    [McpServerTool(Name = TaskOnlyTool, Title = "Export an archive")]
    [Description("Exports an archive; runs only as a task.")]
    [DurableTool(TaskSupport.Required)]
    public static async Task<string> ExportAsync(TaskOrchestrationContext context, [Description("The archive name.")] string archive)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parts = await context.CallActivityAsync<int>(nameof(ExportParts), archive);
        return $"Exported {archive} in {parts} parts.";
    }

    [McpServerTool(Name = SlowTool, Title = "Wait for an approval")]
    [Description("Waits a long while for an approval event (a durable wait: nothing held in memory).")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<string> WaitAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        try
        {
            await context.WaitForExternalEvent<JsonElement>("approval", TimeSpan.FromHours(1));
            return "Approved.";
        }
        catch (TaskCanceledException)
        {
            return "No approval.";
        }
    }
}

/// <summary>The activity of <see cref="RequiredTaskTools.ExportAsync"/>: how many parts an archive is exported in.</summary>
public sealed class ExportParts : TaskActivity<string, int>
{
    public override Task<int> RunAsync(TaskActivityContext context, string input) => Task.FromResult(3);
}
