using System.ComponentModel;
using DurableMcp.Tasks.Elicitation;
using DurableMcp.Tasks.Tools;
using Microsoft.DurableTask;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tasks.Tests;

/// <summary>Durable tools for the orchestration tests: an activity call, a question, a protocol error, a crash.</summary>
public static class SampleDurableTools
{
    [McpServerTool(Name = "greet_twice")]
    [DurableTool]
    public static async Task<string> GreetTwiceAsync(TaskOrchestrationContext context, string name, int times = 2)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetStatusMessage("greeting");
        var greeting = await context.CallActivityAsync<string>(nameof(Greeting), name);
        return string.Join(" ", Enumerable.Repeat(greeting, times));
    }

    [McpServerTool(Name = "confirm_delete")]
    [DurableTool]
    public static async Task<string> ConfirmDeleteAsync(TaskOrchestrationContext context, string item, int timeoutSeconds = 3600)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetStatusMessage($"asking about {item}");
        var answer = await context.ElicitAsync<Confirmation>($"Delete {item}?", TimeSpan.FromSeconds(timeoutSeconds));
        return answer switch
        {
            { Action: ElicitationAction.Accept, Content.Confirm: true } => $"deleted {item}",
            { Action: ElicitationAction.TimedOut } => "no answer",
            _ => $"kept {item}",
        };
    }

    [McpServerTool(Name = "refuse")]
    [DurableTool]
    public static Task<string> RefuseAsync(TaskOrchestrationContext context) =>
        throw new McpProtocolException("Nothing to refuse with.", McpErrorCode.InvalidParams);

    [McpServerTool(Name = "crash")]
    [DurableTool]
    public static Task<string> CrashAsync(TaskOrchestrationContext context) =>
        throw new InvalidOperationException("The disk is full.");
}

/// <summary>The form <c>confirm_delete</c> asks for.</summary>
public sealed class Confirmation
{
    [Description("Delete it?")]
    public bool Confirm { get; set; }
}

/// <summary>The activity <c>greet_twice</c> calls.</summary>
public sealed class Greeting : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello, {input}!");
}
