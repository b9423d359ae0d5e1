using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// <c>classify_documents</c> asking the user to review its uncertain documents, as a 2026-07-28 task on two server
/// processes of one task hub: the question is published with the task (<c>input_required</c>, <c>inputRequests</c>),
/// answered through <c>tasks/update</c> on the other process, declined, cancelled, left to time out, or the task cancelled.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClassifyReviewTests(AzuriteFixture azurite, ServerPairFixture servers) : IClassFixture<ServerPairFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task ClassifyDocuments_ReviewAnsweredOnOtherProcess_RelabelsTheCorrectedDocument()
    {
        var (worker, frontend, container) = await ArrangeAsync();
        using (worker)
        using (frontend)
        {
            var taskId = await CreateAsync(worker, ReviewCorpus.Arguments(container));

            var first = await worker.WaitForInputRequiredAsync(taskId, Timeout);
            var second = (await worker.GetTaskAsync(taskId)).RequireResult();
            var (key, question) = InputRequestAssert.Single(first);
            Assert.StartsWith("q-", key, StringComparison.Ordinal);
            Assert.Equal("The model is unsure about 4 documents. Confirm or correct their categories.", question["message"]!.GetValue<string>());
            Assert.StartsWith("waiting for the review of 4 uncertain document", TaskAssert.StatusMessage(first), StringComparison.Ordinal);

            // Repeated, unchanged, on every poll until it is answered; the other process sees the same question.
            Assert.True(JsonNode.DeepEquals(first["inputRequests"], InputRequestAssert.Outstanding(second)), $"The second poll differs: {second.ToJsonString()}");
            var seenElsewhere = (await frontend.GetTaskAsync(taskId)).RequireResult();
            Assert.True(JsonNode.DeepEquals(first["inputRequests"], InputRequestAssert.Outstanding(seenElsewhere)), $"The other process differs: {seenElsewhere.ToJsonString()}");
            var (field, document, model, correction) = ReviewCorpus.FirstField(question);

            TaskAssert.IsAcknowledgement(await frontend.UpdateTaskAsync(taskId, InputRequestAssert.Answer(key, "accept", new JsonObject { [field] = correction })));

            // Answered means no longer outstanding, on either process: back to working (or already done).
            foreach (var client in new[] { frontend, worker })
            {
                var resumed = await client.WaitForTaskAsync(taskId, t => TaskAssert.Status(t) != "input_required", TimeSpan.FromSeconds(10), "the answer to be taken");
                Assert.Contains(TaskAssert.Status(resumed), new[] { "working", "completed" });
                Assert.Null(resumed["inputRequests"]);
            }

            var done = await frontend.WaitForTerminalAsync(taskId, Timeout);
            Assert.Equal("completed", TaskAssert.Status(done));
            var summary = done["result"]!["structuredContent"]!;
            Assert.Equal(ReviewDocuments.Texts.Count, summary["documents"]!.GetValue<int>());
            Assert.Equal(ReviewDocuments.Texts.Count, summary["reviewed"]!["asked"]!.GetValue<int>());
            Assert.Equal("accept", summary["reviewed"]!["outcome"]!.GetValue<string>());
            Assert.Equal(1, summary["relabelled"]!.GetValue<int>());
            Assert.Equal($"classifications/{taskId}.json", summary["output"]!.GetValue<string>());
            Assert.True(summary["categories"]![correction]!.GetValue<int>() >= 1);

            var entries = await ReviewCorpus.ReadOutputAsync(azurite, summary["output"]!.GetValue<string>());
            Assert.Equal(ReviewDocuments.Texts.Count, entries.Count);
            var corrected = Assert.Single(entries, e => e!["modelCategory"] is not null);
            Assert.Equal(document, corrected!["name"]!.GetValue<string>());
            Assert.Equal(correction, corrected["category"]!.GetValue<string>());
            Assert.Equal(model, corrected["modelCategory"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("decline")]
    [InlineData("cancel")]
    public async Task ClassifyDocuments_ReviewDeclinedOrCancelled_NothingRelabelled(string action)
    {
        var (worker, frontend, container) = await ArrangeAsync();
        using (worker)
        using (frontend)
        {
            var taskId = await CreateAsync(worker, ReviewCorpus.Arguments(container));
            var (key, _) = InputRequestAssert.Single(await frontend.WaitForInputRequiredAsync(taskId, Timeout));

            TaskAssert.IsAcknowledgement(await frontend.UpdateTaskAsync(taskId, InputRequestAssert.Answer(key, action)));
            var done = await frontend.WaitForTerminalAsync(taskId, Timeout);

            Assert.Equal("completed", TaskAssert.Status(done));
            var summary = done["result"]!["structuredContent"]!;
            Assert.Equal(action, summary["reviewed"]!["outcome"]!.GetValue<string>());
            Assert.Equal(ReviewDocuments.Texts.Count, summary["reviewed"]!["asked"]!.GetValue<int>());
            Assert.Equal(0, summary["relabelled"]!.GetValue<int>());
            var entries = await ReviewCorpus.ReadOutputAsync(azurite, summary["output"]!.GetValue<string>());
            Assert.Equal(ReviewDocuments.Texts.Count, entries.Count);
            Assert.All(entries, e => Assert.Null(e!["modelCategory"]));
        }
    }

    [Fact]
    public async Task ClassifyDocuments_TaskCancelledWhileWaitingForReview_StaysCancelledAndIgnoresLateAnswer()
    {
        var (worker, frontend, container) = await ArrangeAsync();
        using (worker)
        using (frontend)
        {
            var taskId = await CreateAsync(worker, ReviewCorpus.Arguments(container));
            var (key, question) = InputRequestAssert.Single(await worker.WaitForInputRequiredAsync(taskId, Timeout));
            var (field, _, _, correction) = ReviewCorpus.FirstField(question);

            TaskAssert.IsAcknowledgement(await frontend.CancelTaskAsync(taskId));
            var cancelled = await worker.WaitForTaskAsync(taskId, t => TaskAssert.Status(t) != "input_required", TimeSpan.FromSeconds(15), "the task to leave input_required");
            Assert.Equal("cancelled", TaskAssert.Status(cancelled));
            Assert.Null(cancelled["inputRequests"]);

            // A late answer is acknowledged (the key is no longer outstanding) and changes nothing.
            TaskAssert.IsAcknowledgement(await frontend.UpdateTaskAsync(taskId, InputRequestAssert.Answer(key, "accept", new JsonObject { [field] = correction })));
            await Poll.HoldsAsync(
                async () => (await worker.GetTaskAsync(taskId)).RequireResult(),
                t => TaskAssert.Status(t) == "cancelled" && t["inputRequests"] is null && t["result"] is null &&
                     t["lastUpdatedAt"]?.GetValue<string>() == cancelled["lastUpdatedAt"]?.GetValue<string>(),
                TimeSpan.FromSeconds(1.5),
                "the task stays cancelled, unchanged");
            var output = azurite.CreateBlobServiceClient().GetBlobContainerClient("classifications").GetBlobClient($"{taskId}.json");
            Assert.False((await output.ExistsAsync()).Value, "A cancelled task wrote its output.");
        }
    }

    [Fact]
    public async Task ClassifyDocuments_NoAnswerBeforeTimeout_CompletesTimedOut()
    {
        var (worker, frontend, container) = await ArrangeAsync();
        using (worker)
        using (frontend)
        {
            var taskId = await CreateAsync(worker, ReviewCorpus.Arguments(container, answerTimeoutSeconds: 2));

            var done = await frontend.WaitForTerminalAsync(taskId, Timeout);

            Assert.Equal("completed", TaskAssert.Status(done));
            var summary = done["result"]!["structuredContent"]!;
            Assert.Equal("timed_out", summary["reviewed"]!["outcome"]!.GetValue<string>());
            Assert.Equal(ReviewDocuments.Texts.Count, summary["reviewed"]!["asked"]!.GetValue<int>());
            Assert.Equal(0, summary["relabelled"]!.GetValue<int>());
            Assert.Equal(ReviewDocuments.Texts.Count, summary["documents"]!.GetValue<int>());
        }
    }

    private async Task<(McpHttpClient Worker, McpHttpClient Frontend, string Container)> ArrangeAsync()
    {
        await servers.StartAsync(azurite);
        var container = await ReviewDocuments.UploadAsync(azurite);
        return (servers.Worker.CreateClient(), servers.Frontend.CreateClient(), container);
    }

    private static async Task<string> CreateAsync(McpHttpClient client, JsonObject arguments) =>
        TaskAssert.IsCreateTaskResult(await client.CallToolAsync("classify_documents", arguments, withTasks: true), DateTimeOffset.UtcNow);
}
