using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableMcp.Bench;

/// <summary>
/// One answered question: <c>classify_documents</c> over the bench's one document with <c>reviewBelow: 1.0</c> (every
/// document is uncertain, so it asks at once), wait until it is <c>input_required</c>, optionally let the host go idle,
/// answer (decline), and time from the answer until the task is working again: through MCP, <c>tasks/update</c> to the
/// server and <c>tasks/get</c> until the status is no longer <c>input_required</c>; raw, <c>RaiseEventAsync</c> from the
/// bench process and <c>GetInstanceAsync</c> until the custom status holds no open question. The task is then left to
/// finish before the probe ends.
/// </summary>
internal static class ResumeProbe
{
    public const string Container = "benchdocs";
    public const string Prefix = "review/";

    /// <summary>Puts the one document the question is about into Azurite (directly, not counted).</summary>
    public static async Task UploadDocumentAsync(BenchContext bench, CancellationToken cancellationToken = default)
    {
        var container = new Azure.Storage.Blobs.BlobServiceClient(bench.DirectConnectionString).GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await container.GetBlobClient(Prefix + "doc-1.txt").UploadAsync(
            BinaryData.FromString("Please check the invoice total and the contract renewal date before Friday."), overwrite: true, cancellationToken);
    }

    /// <summary>Milliseconds from the answer until the task works again.</summary>
    /// <param name="tenant">Whose server runs the task.</param>
    /// <param name="mcp">A client of that server.</param>
    /// <param name="viaMcp">Answer with tasks/update (true) or with the raw client's RaiseEventAsync (false).</param>
    /// <param name="idleFirst">How long to leave the host alone between the question and the answer.</param>
    /// <param name="quiet">Held while this probe does work or times it, so probes on servers side by side do not overlap.</param>
    /// <param name="cancellationToken">Cancels the probe.</param>
    public static async Task<double> RunAsync(Tenant tenant, McpTaskClient mcp, bool viaMcp, TimeSpan idleFirst, SemaphoreSlim quiet, CancellationToken cancellationToken = default)
    {
        var arguments = new JsonObject { ["container"] = Container, ["prefix"] = Prefix, ["reviewBelow"] = 1.0, ["answerTimeoutSeconds"] = 3600 };
        await quiet.WaitAsync(cancellationToken);
        var held = true;
        try
        {
            var taskId = await mcp.CallToolAsTaskAsync("classify_documents", arguments, cancellationToken);
            var asking = await PollCadence.UntilAsync(
                () => mcp.GetTaskAsync(taskId, cancellationToken), t => McpTaskClient.StatusOf(t) != "working", $"task {taskId} to ask", cancellationToken);
            if (McpTaskClient.StatusOf(asking) != "input_required" || !asking.TryGetProperty("inputRequests", out var requests))
            {
                throw new InvalidOperationException($"classify_documents with reviewBelow 1.0 did not ask: {asking.GetRawText()}");
            }

            var key = requests.EnumerateObject().First().Name;
            if (idleFirst > TimeSpan.Zero)
            {
                quiet.Release();
                held = false;
                await Task.Delay(idleFirst, cancellationToken);
                await quiet.WaitAsync(cancellationToken);
                held = true;
            }

            var milliseconds = await AnswerAsync(tenant, mcp, viaMcp, taskId, key, cancellationToken);

            // The resumed task still writes its results; let it finish before the next probe anywhere starts.
            await PollCadence.UntilAsync(
                () => mcp.GetTaskAsync(taskId, cancellationToken), t => McpTaskClient.StatusOf(t) != "working", $"task {taskId} to finish", cancellationToken);
            return milliseconds;
        }
        finally
        {
            if (held)
            {
                quiet.Release();
            }
        }
    }

    private static async Task<double> AnswerAsync(Tenant tenant, McpTaskClient mcp, bool viaMcp, string taskId, string key, CancellationToken cancellationToken)
    {
        var answered = Stopwatch.GetTimestamp();
        if (viaMcp)
        {
            await mcp.UpdateTaskAsync(taskId, key, new JsonObject { ["action"] = "decline" }, cancellationToken);
            await PollCadence.UntilAsync(
                () => mcp.GetTaskAsync(taskId, cancellationToken), t => McpTaskClient.StatusOf(t) != "input_required", $"task {taskId} to resume", cancellationToken);
        }
        else
        {
            var raw = tenant.Raw.Client;
            await raw.RaiseEventAsync(taskId, key, JsonSerializer.SerializeToElement(new JsonObject { ["action"] = "decline" }), cancellationToken);
            await PollCadence.UntilAsync(
                () => raw.GetInstanceAsync(taskId, getInputsAndOutputs: true, cancellationToken),
                i => i is null || i.IsCompleted || !AsksQuestions(i.SerializedCustomStatus),
                $"instance {taskId} to resume",
                cancellationToken);
        }

        return Stopwatch.GetElapsedTime(answered).TotalMilliseconds;
    }

    private static bool AsksQuestions(string? customStatus)
    {
        if (string.IsNullOrEmpty(customStatus))
        {
            return false;
        }

        using var status = JsonDocument.Parse(customStatus);
        return status.RootElement.ValueKind == JsonValueKind.Object
            && status.RootElement.TryGetProperty("inputRequests", out var requests)
            && requests.ValueKind == JsonValueKind.Object;
    }
}
