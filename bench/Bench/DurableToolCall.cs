using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableMcp.Bench;

/// <summary>
/// A durable tool called as a task and polled to its end, as an MCP client would. Timed from just before the call to
/// the end Durable Functions recorded (the task's <c>lastUpdatedAt</c>; one machine, one clock), so the poll interval
/// does not round the time up.
/// </summary>
internal static class DurableToolCall
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    /// <summary>Runs <paramref name="tool"/> to its end; returns the last <c>tasks/get</c> result and the time taken.</summary>
    public static async Task<(JsonElement Task, TimeSpan Elapsed)> RunAsync(
        BenchContext bench, McpTaskClient client, string tool, JsonObject arguments, string phase, CancellationToken cancellationToken = default)
    {
        var started = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var taskId = await client.CallToolAsTaskAsync(tool, arguments, cancellationToken);
        var lastProgress = TimeSpan.Zero;
        while (true)
        {
            var task = await client.GetTaskAsync(taskId, cancellationToken);
            if (McpTaskClient.StatusOf(task) is "completed" or "failed" or "cancelled")
            {
                var observed = clock.Elapsed;
                var recorded = Recorded(task, started, observed);
                bench.Progress(string.Create(CultureInfo.InvariantCulture,
                    $"{phase}: {tool} {McpTaskClient.StatusOf(task)}, recorded {(recorded is { } r ? $"{r.TotalSeconds:0.00} s" : "(no lastUpdatedAt)")} after the call, seen at {observed.TotalSeconds:0.00} s"));
                return (task, recorded ?? observed);
            }

            if (clock.Elapsed - lastProgress >= ProgressEvery && task.TryGetProperty("statusMessage", out var message) && message.GetString() is { } text)
            {
                lastProgress = clock.Elapsed;
                bench.Progress($"{phase}: {text}");
            }

            await Task.Delay(PollInterval, cancellationToken); // a client's poll interval, not synchronisation
        }
    }

    /// <summary>The structured content of a completed task's result; throws with the task when it did not complete.</summary>
    public static JsonElement StructuredResult(JsonElement task, string tool) =>
        McpTaskClient.StatusOf(task) == "completed" && task.TryGetProperty("result", out var result) && result.TryGetProperty("structuredContent", out var content)
            ? content
            : throw new InvalidOperationException($"{tool} did not complete with a result: {task.GetRawText()}");

    // The recorded end less the start, when the task carries one that makes sense (within what the bench observed).
    private static TimeSpan? Recorded(JsonElement task, DateTimeOffset started, TimeSpan observed) =>
        task.TryGetProperty("lastUpdatedAt", out var at) && at.ValueKind == JsonValueKind.String
            && DateTimeOffset.TryParse(at.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var ended)
            && ended - started is { Ticks: > 0 } recorded && recorded <= observed
            ? recorded
            : null;
}
