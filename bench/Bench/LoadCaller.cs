using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableMcp.Bench;

/// <summary>
/// One caller of the load phase: until told to stop, it runs the three things users do with tasks, in turn: a task
/// polled until it completes (<c>run_steps</c>, 2 steps), a task that asks and is answered (<c>classify_documents</c>
/// with <c>reviewBelow: 1.0</c>, declined), and a task cancelled while it works (<c>run_steps</c>, long steps). It polls
/// at the server's poll interval, as a well-behaved client does, and waits out a throttled poll (HTTP 429) or a create
/// refused for too many unfinished tasks (-32003), the two documented refusals, instead of giving up.
/// </summary>
internal sealed class LoadCaller(McpTaskClient mcp, LoadRecorder recorder, TimeSpan pollInterval)
{
    private const int TooManyTasks = -32003;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);
    private readonly List<string> _created = [];

    public async Task RunAsync(int first, CancellationToken stop, CancellationToken cancellationToken)
    {
        for (var round = first; !stop.IsCancellationRequested; round++)
        {
            try
            {
                var scenario = (round % 3) switch
                {
                    0 => CompleteAsync(cancellationToken),
                    1 => AnswerAsync(cancellationToken),
                    _ => CancelAsync(cancellationToken),
                };
                await scenario;
            }
            catch (McpCallException e) when (e is { Method: "tools/call", Code: TooManyTasks })
            {
                await Task.Delay(pollInterval * 5, cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or HttpRequestException or TimeoutException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                // Counted by the recorder (or a scenario's own check); the caller goes on with the next round.
                recorder.Surprise($"round {round}: {e.GetType().Name}: {e.Message[..Math.Min(e.Message.Length, 300)]}");
            }
        }
    }

    private async Task CompleteAsync(CancellationToken cancellationToken)
    {
        var taskId = await CreateAsync("run_steps", new JsonObject { ["steps"] = 2, ["stepDelayMs"] = 100 }, cancellationToken);
        Expect(taskId, "completed", await PollAsync(taskId, s => s is not "working", cancellationToken));
    }

    private async Task AnswerAsync(CancellationToken cancellationToken)
    {
        var arguments = new JsonObject { ["container"] = ResumeProbe.Container, ["prefix"] = ResumeProbe.Prefix, ["reviewBelow"] = 1.0, ["answerTimeoutSeconds"] = 3600 };
        var taskId = await CreateAsync("classify_documents", arguments, cancellationToken);
        var asking = await PollTaskAsync(taskId, s => s is not "working", cancellationToken);
        if (McpTaskClient.StatusOf(asking) != "input_required" || !asking.TryGetProperty("inputRequests", out var requests))
        {
            Expect(taskId, "input_required", McpTaskClient.StatusOf(asking));
            return;
        }

        var key = requests.EnumerateObject().First().Name;
        await recorder.TimeAsync("tasks/update", () => mcp.UpdateTaskAsync(taskId, key, new JsonObject { ["action"] = "decline" }, cancellationToken));
        Expect(taskId, "completed", await PollAsync(taskId, s => s is not ("working" or "input_required"), cancellationToken));
    }

    private async Task CancelAsync(CancellationToken cancellationToken)
    {
        var taskId = await CreateAsync("run_steps", new JsonObject { ["steps"] = 3, ["stepDelayMs"] = 2000 }, cancellationToken);
        await PollAsync(taskId, _ => true, cancellationToken);
        await recorder.TimeAsync("tasks/cancel", () => mcp.CancelTaskAsync(taskId, cancellationToken));
        Expect(taskId, "cancelled", await PollAsync(taskId, s => s is not ("working" or "input_required"), cancellationToken));
    }

    private async Task<string> CreateAsync(string tool, JsonObject arguments, CancellationToken cancellationToken)
    {
        var taskId = await recorder.TimeAsync("tools/call", () => mcp.CallToolAsTaskAsync(tool, arguments, cancellationToken));
        recorder.Created(taskId);
        _created.Add(taskId);
        return taskId;
    }

    /// <summary>
    /// After the run: reads every task of this caller that it did not see end (a round cut short by an error) until it is
    /// terminal or <paramref name="patience"/> runs out; the ones still open are the report's lost tasks.
    /// </summary>
    public async Task DrainAsync(TimeSpan patience, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + patience;
        var outcomes = recorder.Outcomes();
        var open = _created.Where(id => outcomes[id] == "created").ToList();
        while (open.Count > 0 && DateTimeOffset.UtcNow < deadline)
        {
            foreach (var taskId in open.ToList())
            {
                try
                {
                    var status = McpTaskClient.StatusOf(await mcp.GetTaskAsync(taskId, cancellationToken));
                    if (status is "completed" or "failed" or "cancelled")
                    {
                        recorder.Ended(taskId, status);
                        open.Remove(taskId);
                    }
                }
                catch (McpCallException e) when (e.HttpStatus == 429)
                {
                    // Throttled: read it on the next pass.
                }

                await Task.Delay(pollInterval, cancellationToken);
            }
        }
    }

    private async Task<string> PollAsync(string taskId, Func<string, bool> done, CancellationToken cancellationToken) =>
        McpTaskClient.StatusOf(await PollTaskAsync(taskId, done, cancellationToken));

    private async Task<JsonElement> PollTaskAsync(string taskId, Func<string, bool> done, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + Patience;
        while (true)
        {
            try
            {
                var task = await recorder.TimeAsync("tasks/get", () => mcp.GetTaskAsync(taskId, cancellationToken));
                if (done(McpTaskClient.StatusOf(task)))
                {
                    return task;
                }
            }
            catch (McpCallException e) when (e.HttpStatus == 429)
            {
                // Throttled: the documented answer to polling faster than the budget; wait a little longer.
            }

            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"Task {taskId} did not get there within {Patience.TotalSeconds} s.");
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    private void Expect(string taskId, string expected, string actual)
    {
        if (actual is "completed" or "failed" or "cancelled")
        {
            recorder.Ended(taskId, actual);
        }

        if (actual != expected)
        {
            recorder.Surprise($"task {taskId} is '{actual}', expected '{expected}'");
        }
    }
}
