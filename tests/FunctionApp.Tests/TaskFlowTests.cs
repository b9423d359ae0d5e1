using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using Xunit.Abstractions;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>Durable tools through the 2026-07-28 Tasks extension on one worker-enabled server: create, poll, result, cancel.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaskFlowTests(AzuriteFixture azurite, ServerProcessFixture shared, ITestOutputHelper output) : IClassFixture<ServerProcessFixture>
{
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ClassifyDocuments_HeldOutCorpusAsTask_CompletesWithAccurateOutputBlob()
    {
        var corpus = HeldOutCorpus.Load();
        var blobs = azurite.CreateBlobServiceClient();
        var container = TaskHubs.NewContainer("heldout");
        var labels = await UploadAsync(blobs, container, "inbox/", corpus);
        using var client = await ClientAsync();

        var sentAt = DateTimeOffset.UtcNow;
        var created = await client.CallToolAsync("classify_documents", new JsonObject { ["container"] = container, ["prefix"] = "inbox/", ["batchSize"] = 25 }, withTasks: true);
        var taskId = TaskAssert.IsCreateTaskResult(created, sentAt);
        var task = await client.WaitForTerminalAsync(taskId, TaskTimeout);

        Assert.Equal("completed", TaskAssert.Status(task));
        Assert.Equal("complete", task["resultType"]?.GetValue<string>());
        Assert.Equal(taskId, task["taskId"]?.GetValue<string>());
        Assert.Null(task["error"]);
        var result = task["result"]!;
        Assert.NotEqual(true, result["isError"]?.GetValue<bool>());
        var summary = result["structuredContent"]!;
        Assert.Equal(corpus.Count, summary["documents"]!.GetValue<int>());
        Assert.Equal(corpus.Count, summary["categories"]!.AsObject().Sum(c => c.Value!.GetValue<int>()));
        Assert.Equal($"classifications/{taskId}.json", summary["output"]!.GetValue<string>());

        var outputBlob = blobs.GetBlobContainerClient("classifications").GetBlobClient($"{taskId}.json");
        var entries = JsonNode.Parse((await outputBlob.DownloadContentAsync()).Value.Content.ToString())!.AsArray();
        Assert.Equal(corpus.Count, entries.Count);
        var predicted = entries.ToDictionary(e => e!["name"]!.GetValue<string>(), e => e!["category"]!.GetValue<string>(), StringComparer.Ordinal);
        Assert.Equal(labels.Keys.Order(StringComparer.Ordinal), predicted.Keys.Order(StringComparer.Ordinal));
        var byCategory = predicted.Values.GroupBy(c => c, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var (category, count) in summary["categories"]!.AsObject())
        {
            Assert.Equal(count!.GetValue<int>(), byCategory.GetValueOrDefault(category));
        }

        var correct = predicted.Count(p => labels[p.Key] == p.Value);
        var accuracy = (double)correct / corpus.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Held-out accuracy through classify_documents: {correct}/{corpus.Count} = {accuracy:P1}"));
        foreach (var miss in predicted.Where(p => labels[p.Key] != p.Value).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"  {miss.Key}: expected {labels[miss.Key]}, got {miss.Value}");
        }

        Assert.True(accuracy >= 0.85, string.Create(CultureInfo.InvariantCulture, $"Held-out accuracy {accuracy:P1} is below 85%."));
    }

    [Fact]
    public async Task ClassifyDocuments_MissingContainerAsTask_CompletesWithIsErrorResult()
    {
        using var client = await ClientAsync();
        var container = TaskHubs.NewContainer("missing");

        var created = await client.CallToolAsync("classify_documents", new JsonObject { ["container"] = container }, withTasks: true);
        var taskId = TaskAssert.IsCreateTaskResult(created, DateTimeOffset.UtcNow);
        var task = await client.WaitForTerminalAsync(taskId, TaskTimeout);

        // A tool's own failure is a result with isError, which ends the task completed (failed is for JSON-RPC errors).
        Assert.Equal("completed", TaskAssert.Status(task));
        Assert.True(task["result"]!["isError"]!.GetValue<bool>());
        Assert.Equal($"The container '{container}' does not exist.", TaskAssert.Text(task["result"]!));
    }

    [Fact]
    public async Task RunSteps_WithoutTasksExtension_RunsInlineAndReturnsCallToolResult()
    {
        using var client = await ClientAsync();

        var response = await client.CallToolAsync("run_steps", new JsonObject { ["steps"] = 2 }, withTasks: false);

        var result = response.RequireResult();
        Assert.Equal("complete", result["resultType"]?.GetValue<string>());
        Assert.Null(result["taskId"]);
        Assert.NotEqual(true, result["isError"]?.GetValue<bool>());
        Assert.Equal("Completed 2 steps.", TaskAssert.Text(result));
    }

    [Fact]
    public async Task RunSteps_CancelledWhileRunning_EndsCancelledAndStopsAdvancing()
    {
        using var client = await ClientAsync();
        var created = await client.CallToolAsync("run_steps", new JsonObject { ["steps"] = 50, ["stepDelayMs"] = 500 }, withTasks: true);
        var taskId = TaskAssert.IsCreateTaskResult(created, DateTimeOffset.UtcNow);
        await client.WaitForTaskAsync(taskId, t => TaskAssert.StepsDone(t) >= 2, TaskTimeout, "progress of at least 2 steps");

        var cancel = await client.CancelTaskAsync(taskId);

        var ack = cancel.RequireResult();
        Assert.Equal("complete", ack["resultType"]?.GetValue<string>());
        Assert.Equal(["resultType"], ack.Select(p => p.Key).Where(k => k != "_meta"));
        var cancelled = await client.WaitForTaskAsync(taskId, t => TaskAssert.Status(t) != "working", TimeSpan.FromSeconds(15), "the task to leave working");
        Assert.Equal("cancelled", TaskAssert.Status(cancelled));
        Assert.Null(cancelled["result"]);
        var stepsAtCancel = TaskAssert.StepsDone(cancelled);
        Assert.InRange(stepsAtCancel, 2, 49);

        // The run must stop: over three steps' worth of time, nothing about the task may change.
        await Poll.HoldsAsync(
            async () => (await client.GetTaskAsync(taskId)).RequireResult(),
            t => TaskAssert.Status(t) == "cancelled" && TaskAssert.StatusMessage(t) == TaskAssert.StatusMessage(cancelled) &&
                 t["lastUpdatedAt"]?.GetValue<string>() == cancelled["lastUpdatedAt"]?.GetValue<string>() && t["result"] is null,
            TimeSpan.FromMilliseconds(1600),
            $"the task stays cancelled at '{TaskAssert.StatusMessage(cancelled)}'");

        // Cancelling again is harmless: the task is terminal and stays as it is.
        Assert.Equal("complete", (await client.CancelTaskAsync(taskId)).RequireResult()["resultType"]?.GetValue<string>());
        Assert.Equal("cancelled", TaskAssert.Status((await client.GetTaskAsync(taskId)).RequireResult()));
    }

    [Fact]
    public async Task TasksCancel_UnknownTask_InvalidParams()
    {
        using var client = await ClientAsync();

        var response = await client.CancelTaskAsync("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");

        Assert.Equal(-32602, response.RequireErrorCode());
        Assert.Contains("Unknown task", response.ErrorMessage, StringComparison.Ordinal);
        (await client.DiscoverAsync()).RequireResult();
    }

    private static async Task<Dictionary<string, string>> UploadAsync(BlobServiceClient blobs, string container, string prefix, IReadOnlyList<(string Category, string Text)> documents)
    {
        var client = blobs.GetBlobContainerClient(container);
        await client.CreateIfNotExistsAsync();
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < documents.Count; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"{prefix}doc-{i:D3}.txt");
            await client.GetBlobClient(name).UploadAsync(BinaryData.FromString(documents[i].Text), overwrite: true);
            labels[name] = documents[i].Category;
        }

        // A blob outside the prefix must not be classified.
        await client.GetBlobClient("elsewhere/ignored.txt").UploadAsync(BinaryData.FromString("Please reset my password."), overwrite: true);
        return labels;
    }

    private async Task<McpHttpClient> ClientAsync() => (await shared.GetAsync(azurite, "taskflow")).CreateClient();
}
