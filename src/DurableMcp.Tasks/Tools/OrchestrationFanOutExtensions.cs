using Microsoft.DurableTask;

namespace DurableMcp.Tasks.Tools;

/// <summary>Bounded fan-out/fan-in for durable tools: many activities, a few at a time, results in input order.</summary>
public static class OrchestrationFanOutExtensions
{
    /// <summary>
    /// Calls <paramref name="activity"/> once per input, with at most <paramref name="maxConcurrency"/> running at once
    /// (the next starts as soon as one finishes), and returns the results in input order. <paramref name="completed"/>
    /// runs as each one finishes, in the order they finish (deterministic on replay: Durable Functions replays completions
    /// in their recorded order) — the place to update the status message. A failed activity (after the retries of
    /// <paramref name="options"/>) fails the whole fan-out, unless <paramref name="failed"/> turns its failure into a result
    /// (the others go on); a cancelled task (terminated) starts no further activity.
    /// </summary>
    public static async Task<TResult[]> FanOutAsync<TInput, TResult>(
        this TaskOrchestrationContext context,
        TaskName activity,
        IReadOnlyList<TInput> inputs,
        int maxConcurrency,
        TaskOptions? options = null,
        Action<int, TResult>? completed = null,
        Func<int, TaskFailedException, TResult>? failed = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxConcurrency);
        var results = new TResult[inputs.Count];
        var running = new List<(Task<TResult> Task, int Index)>(Math.Min(maxConcurrency, inputs.Count));
        var next = 0;
        while (next < inputs.Count || running.Count > 0)
        {
            while (next < inputs.Count && running.Count < maxConcurrency)
            {
                running.Add((context.CallActivityAsync<TResult>(activity, inputs[next], options), next));
                next++;
            }

            var finished = await Task.WhenAny(running.Select(r => r.Task));
            var position = running.FindIndex(r => r.Task == finished);
            var index = running[position].Index;
            running.RemoveAt(position);
            try
            {
                results[index] = await finished;
            }
            catch (TaskFailedException e) when (failed is not null)
            {
                // The failure is in the history, so a replay takes this branch again: still deterministic.
                results[index] = failed(index, e);
            }

            completed?.Invoke(index, results[index]);
        }

        return results;
    }
}
