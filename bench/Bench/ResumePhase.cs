using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;

namespace DurableMcp.Bench;

/// <summary>
/// Issue 3's latency: a task waits for an answer (classify_documents asking to review one document); the bench sends
/// <c>tasks/update</c> and times (a) until <c>tasks/get</c> no longer reports <c>input_required</c>, and (b) until the
/// warm worker has resumed the run (its status message moves on to "writing results", written by the resumed run).
/// </summary>
internal static class ResumePhase
{
    private const string Container = "benchdocs";

    public static async Task<ResumeResult> RunAsync(ServerProcess worker, string storage, HttpClient http, int rounds, CancellationToken cancellationToken)
    {
        var blobs = new BlobServiceClient(storage).GetBlobContainerClient(Container);
        await blobs.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await blobs.GetBlobClient("doc.txt").UploadAsync(BinaryData.FromString("Please check the invoice total and the contract renewal date."), overwrite: true, cancellationToken);
        var client = new McpTaskClient(http, worker.McpEndpoint);
        var arguments = new JsonObject { ["container"] = Container, ["reviewBelow"] = 1.0, ["answerTimeoutSeconds"] = 3600 };
        var working = new List<double>();
        var resumed = new List<double>();
        for (var round = -2; round < rounds; round++)
        {
            var taskId = await client.CreateTaskAsync("classify_documents", (JsonObject)arguments.DeepClone(), cancellationToken);
            var key = await WaitForQuestionAsync(client, taskId, cancellationToken);
            var started = Stopwatch.GetTimestamp();
            await client.AnswerAsync(taskId, key, new JsonObject { ["action"] = "decline" }, cancellationToken);
            double? workingAt = null;
            while (true)
            {
                var task = await client.GetTaskAsync(taskId, cancellationToken);
                var status = task.GetProperty("status").GetString();
                workingAt ??= status != "input_required" ? Stopwatch.GetElapsedTime(started).TotalMilliseconds : null;
                if (status == "completed" || (task.TryGetProperty("statusMessage", out var message) && message.GetString()!.Contains("writing results", StringComparison.Ordinal)))
                {
                    if (round >= 0)
                    {
                        working.Add(workingAt!.Value);
                        resumed.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }

                    break;
                }

                if (Stopwatch.GetElapsedTime(started) > TimeSpan.FromSeconds(30))
                {
                    throw new TimeoutException($"Task {taskId} did not resume within 30 s of its answer: {task.GetRawText()}");
                }

                // 10 ms polling stays inside the server's poll throttle (burst 20, then 4 per pollIntervalMs).
                await Task.Delay(10, cancellationToken);
            }
        }

        return new ResumeResult(LatencyStats.From(working), LatencyStats.From(resumed));
    }

    private static async Task<string> WaitForQuestionAsync(McpTaskClient client, string taskId, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 30;
        while (Stopwatch.GetTimestamp() < deadline)
        {
            var task = await client.GetTaskAsync(taskId, cancellationToken);
            if (task.TryGetProperty("inputRequests", out var requests) && requests.ValueKind == JsonValueKind.Object)
            {
                return requests.EnumerateObject().First().Name;
            }

            await Task.Delay(10, cancellationToken);
        }

        throw new TimeoutException($"Task {taskId} asked no question within 30 s.");
    }
}

/// <summary>Latencies from <c>tasks/update</c> to the task working again, as clients see it and as the worker runs it.</summary>
internal sealed record ResumeResult(LatencyStats Working, LatencyStats Resumed);
