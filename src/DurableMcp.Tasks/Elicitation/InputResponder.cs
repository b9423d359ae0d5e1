using System.Text.Json;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Logging;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;

namespace DurableMcp.Tasks.Elicitation;

/// <summary>
/// Turns answers to a task's questions into external events named by the question keys. Keys are never reused, so an
/// answer raised twice has one effect: the second event is never awaited. Answers to unknown, already answered or
/// superseded keys are ignored; an answer that does not fit its form is refused, nothing of that request is recorded,
/// and the question stays open.
/// </summary>
internal sealed class InputResponder(TaskStore store, ILogger<InputResponder> logger)
{
    /// <summary>Raises the fitting answers to open questions; returns the keys answered.</summary>
    public async Task<IReadOnlySet<string>> AnswerAsync(TaskRecord task, IEnumerable<KeyValuePair<string, JsonElement>> responses, CancellationToken cancellationToken = default)
    {
        var outstanding = task.InputRequests;
        var accepted = new List<KeyValuePair<string, JsonElement>>();
        var problems = new List<string>();
        foreach (var (key, response) in responses)
        {
            if (!outstanding.TryGetValue(key, out var request))
            {
                continue;
            }

            if (request.ElicitationParams?.RequestedSchema is { } schema && ElicitationResponseValidator.Validate(schema, response) is { } problem)
            {
                problems.Add($"'{key}': {problem}");
            }
            else
            {
                accepted.Add(new(key, response));
            }
        }

        if (problems.Count > 0)
        {
            throw new McpProtocolException(
                $"The answers do not fit the questions asked, so none was recorded; the questions stay open. {string.Join(". ", problems)}.",
                McpErrorCode.InvalidParams);
        }

        foreach (var (key, response) in accepted)
        {
            await store.RaiseEventAsync(task.TaskId, key, response, cancellationToken);
        }

        return accepted.Select(a => a.Key).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The longest <see cref="WaitUntilTakenAsync"/> waits: twice the longest queue poll of the Functions host (host.json), so an idle run is woken in time.</summary>
    internal static readonly TimeSpan AnswerTakenWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Waits until the orchestration has taken the <paramref name="answered"/> answers (it drops their questions from its
    /// status, normally within a fraction of a second), so whatever the caller sends next, to any instance, sees only the
    /// questions still open: the extension requires that of a <c>tasks/get</c> after a partial answer. Bounded: with a busy
    /// worker it returns after <see cref="AnswerTakenWait"/> anyway; the answers are recorded either way.
    /// </summary>
    public async Task WaitUntilTakenAsync(string taskId, IReadOnlySet<string> answered, CancellationToken cancellationToken = default)
    {
        if (answered.Count == 0)
        {
            return;
        }

        var (_, taken) = await store.WaitAtMostAsync(taskId, t => !t.InputRequests.Keys.Any(answered.Contains), AnswerTakenWait, cancellationToken);
        if (!taken)
        {
            TasksLog.AnswersNotYetTaken(logger, taskId, (long)AnswerTakenWait.TotalMilliseconds);
        }
    }
}
