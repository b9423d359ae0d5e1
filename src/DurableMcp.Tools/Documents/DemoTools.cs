using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DurableMcp.Tasks.Tools;
using Microsoft.DurableTask;
using ModelContextProtocol.Server;

namespace DurableMcp.Tools.Documents;

/// <summary>A minimal durable tool: numbered checkpointed steps (activities). Shows the task lifecycle, and is what the benchmark runs.</summary>
public static class DemoTools
{
    [McpServerTool(Name = "run_steps", Title = "Run checkpointed steps")]
    [Description("Runs a number of checkpointed steps, each waiting a while, reporting progress. Demonstrates a durable task.")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<string> RunStepsAsync(
        TaskOrchestrationContext context,
        [Description("How many steps (1-1000).")][Range(1, 1000)] int steps = 3,
        [Description("How long each step waits, in milliseconds (0-600000).")][Range(0, 600_000)] int stepDelayMs = 0)
    {
        ArgumentNullException.ThrowIfNull(context);
        for (var i = 0; i < steps; i++)
        {
            context.SetStatusMessage(string.Create(CultureInfo.InvariantCulture, $"{i} / {steps} steps"));
            await context.CallActivityAsync<int>(nameof(RunStep), new RunStepInput(i, stepDelayMs));
        }

        context.SetStatusMessage(string.Create(CultureInfo.InvariantCulture, $"{steps} / {steps} steps"));
        return string.Create(CultureInfo.InvariantCulture, $"Completed {steps} steps.");
    }
}
