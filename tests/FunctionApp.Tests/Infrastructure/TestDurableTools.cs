using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using DurableMcp.Engine;
using DurableMcp.Tasks.Tools;
using ModelContextProtocol.Server;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>Durable tools the app does not have: one that runs only as a task (for -32021), one with a large result (for payload offload).</summary>
public sealed class TestDurableTools
{
    public const string TaskOnlyTool = "export_archive";
    public const string LargeResultTool = "large_report";

    [McpServerTool(Name = TaskOnlyTool, Title = "Export an archive")]
    [Description("Exports an archive; runs only as a task.")]
    [DurableTool(TaskSupport.Required)]
    public static async Task<string> ExportAsync(IOrchestrationContext context, [Description("The archive name.")] string archive)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parts = await context.StepAsync("export", _ => Task.FromResult(3));
        return $"Exported {archive} in {parts} parts.";
    }

    [McpServerTool(Name = LargeResultTool, Title = "Write a large report")]
    [Description("Returns a text of the given length, far beyond what fits inline in a table row.")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<string> LargeReportAsync(IOrchestrationContext context, [Range(1, 1_000_000)] int characters)
    {
        ArgumentNullException.ThrowIfNull(context);
        var line = await context.StepAsync("line", _ => Task.FromResult("0123456789abcdefghijklmnopqrstuvwxyz\n"));
        return Report(line, characters);
    }

    /// <summary>The text <see cref="LargeReportAsync"/> returns, so tests can compare it exactly.</summary>
    public static string Report(string line, int characters)
    {
        ArgumentNullException.ThrowIfNull(line);
        return string.Concat(Enumerable.Repeat(line, (characters / line.Length) + 1))[..characters];
    }
}
