using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Logging;
using DurableMcp.Tasks.Tools;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Protocol;

/// <summary>
/// MRTR before the task (SEP-2663 composition) for tools marked <see cref="DurableToolAttribute.AsksBeforeTask"/>: the
/// call starts the run and waits for its first questions; they go back as an <c>input_required</c> result whose
/// <c>requestState</c> names the run, and the retry that answers them gets the run's <c>CreateTaskResult</c> (without
/// <c>requestState</c>: the MRTR state does not leak into the task). The run is one durable orchestration throughout.
/// </summary>
internal sealed partial class TaskCallFilter
{
    /// <summary>
    /// How long the first call waits for the run's first questions. A tool that marks itself as asking first asks at
    /// once; one that has not asked by then is answered with its task, and asks through <c>tasks/get</c>.
    /// </summary>
    internal static readonly TimeSpan FirstQuestionWait = TimeSpan.FromSeconds(10);

    private async ValueTask<ResultOrAlternate<CallToolResult>> AskThenStartTaskAsync(
        DurableTool tool, CallToolRequestParams parameters, string? caller, CancellationToken cancellationToken)
    {
        TaskRecord run;
        IReadOnlyDictionary<string, InputRequest> open;
        if (parameters.RequestState is { } state)
        {
            var (instance, answered) = await ResumeAsync(tool, parameters, state, caller, cancellationToken);
            await responder.WaitUntilTakenAsync(instance.TaskId, answered, cancellationToken);
            run = instance;
            open = instance.InputRequests.Where(q => !answered.Contains(q.Key)).ToDictionary();
        }
        else
        {
            var started = await StartAsync(tool, parameters, caller, TasksProtocol.July2026Version, inline: false, cancellationToken);
            if (started.Result is { } invalid)
            {
                return invalid;
            }

            run = await WaitForFirstQuestionsAsync(started.Started!, cancellationToken);
            open = run.IsWaitingForInput ? run.InputRequests : new Dictionary<string, InputRequest>();
        }

        if (open.Count > 0)
        {
            TasksLog.AskingBeforeTask(logger, tool.Name, run.TaskId, caller);
            return ResultOrAlternate<CallToolResult>.FromAlternate(
                new InputRequiredResult { InputRequests = open.ToDictionary(), RequestState = run.TaskId },
                McpJsonUtilities.DefaultOptions.GetTypeInfo<InputRequiredResult>());
        }

        // Every question answered (or none asked): from here on the run is the client's task.
        TasksLog.TaskCreated(logger, tool.Name, run.TaskId, caller);
        return ResultOrAlternate<CallToolResult>.FromAlternate(TaskMapper.ToCreateTaskResult(run, _options), TasksJsonContext.Default.CreateTaskResult);
    }

    /// <summary>The run once it asks, ends, or <see cref="FirstQuestionWait"/> passes (then as last read).</summary>
    private async Task<TaskRecord> WaitForFirstQuestionsAsync(TaskRecord started, CancellationToken cancellationToken)
    {
        var (run, asked) = await store.WaitAtMostAsync(started.TaskId, t => t.IsWaitingForInput, FirstQuestionWait, cancellationToken);
        return (asked ? run : await store.GetAsync(started.TaskId, cancellationToken)) ?? started;
    }
}
