using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using DurableMcp.Tasks.Elicitation;
using DurableMcp.Tasks.Tools;
using Microsoft.DurableTask;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Conformance;

/// <summary>
/// The durable tools the <c>tasks-*</c> scenarios call: orchestrators like any product tool, so the scenarios test the
/// real task layer (durable creation, cancellation, questions through <c>tasks/get</c> and <c>tasks/update</c>, MRTR).
/// Waits are durable timers, not sleeps in activities: a cancelled run ends <c>cancelled</c> at once.
/// </summary>
internal static class DurableTaskFixtures
{
    /// <summary>How long a fixture waits for an answer before it gives up (abandoned runs should not wait for their TTL).</summary>
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromHours(1);

    [McpServerTool(Name = "slow_compute", Title = "Slow compute")]
    [Description("Waits the given number of seconds (a durable timer), then returns a result; cancelling it ends it cancelled (conformance fixture).")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<string> SlowComputeAsync(
        TaskOrchestrationContext context,
        [Description("How long to compute, in seconds (0-3600).")][Range(0.0, 3600.0)] double seconds = 0,
        [Description("A label echoed in the result.")] string? label = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (seconds > 0)
        {
            context.SetStatusMessage(string.Create(CultureInfo.InvariantCulture, $"computing for {seconds} s"));
            await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(seconds), CancellationToken.None);
        }

        return string.Create(CultureInfo.InvariantCulture, $"Computed '{label}' in {seconds} s.");
    }

    [McpServerTool(Name = "failing_job", Title = "Failing job")]
    [Description("Runs a job that fails after about a second: the task completes with a tool error (isError), not failed (conformance fixture).")]
    [DurableTool(TaskSupport.Required)]
    public static async Task<string> FailingJobAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await context.CreateTimer(context.CurrentUtcDateTime.AddSeconds(1), CancellationToken.None);
        return await context.CallActivityAsync<string>(nameof(RunFailingJob), context.InstanceId);
    }

    [McpServerTool(Name = "protocol_error_job", Title = "Protocol error job")]
    [Description("Fails with a JSON-RPC error (internal error): the task ends failed with that error (conformance fixture).")]
    [DurableTool(TaskSupport.Optional)]
    public static Task<string> ProtocolErrorJobAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        throw new McpProtocolException("The job broke down with a protocol-level error (conformance fixture).", McpErrorCode.InternalError);
    }

    [McpServerTool(Name = "confirm_delete", Title = "Confirm a delete")]
    [Description("Asks the user to confirm deleting a file, then reports what it did; deletes nothing (conformance fixture).")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<string> ConfirmDeleteAsync(TaskOrchestrationContext context, [Description("The file to delete.")] string filename)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SetStatusMessage($"waiting for the confirmation to delete '{filename}'");
        var answer = await context.ElicitAsync<DeleteConfirmation>($"Delete '{filename}'?", AnswerTimeout);
        return answer is { Action: ElicitationAction.Accept, Content.Confirm: true } ? $"Deleted '{filename}'." : $"Kept '{filename}'.";
    }

    [McpServerTool(Name = "multi_input", Title = "Two inputs at once")]
    [Description("Asks two questions at once and completes when both are answered, in any order (conformance fixture).")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<string> MultiInputAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // Both asked before either is awaited: the task shows two open questions.
        var first = context.ElicitAsync<NamedConfirmation>("First input: a name, and confirm it.", AnswerTimeout);
        var second = context.ElicitAsync<NamedConfirmation>("Second input: a name, and confirm it.", AnswerTimeout);
        var answers = await Task.WhenAll(first, second);
        return $"Received '{Describe(answers[0])}' and '{Describe(answers[1])}'.";
    }

    [McpServerTool(Name = "test_tool_with_task", Title = "Ask, then run as a task")]
    [Description("Asks for the user's name before its task exists (MRTR), then runs as a task whose result greets that name (conformance fixture).")]
    [DurableTool(TaskSupport.Required, AsksBeforeTask = true)]
    public static async Task<string> AskThenRunAsync(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var answer = await context.ElicitAsync<UserName>("What is your user name (user_name)?", AnswerTimeout);
        return answer is { Action: ElicitationAction.Accept, Content.Name: { } name } ? $"Hello, {name}! (user_name gathered before the task)" : "No user name given.";
    }

    private static string Describe(ElicitationOutcome<NamedConfirmation> answer) =>
        answer is { Action: ElicitationAction.Accept, Content: { } content } ? $"{content.Name} ({(content.Confirm is true ? "confirmed" : "not confirmed")})" : answer.Action.ToString();
}
