using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// A task waiting for its user holds nothing in memory: every server process may die while it waits, and a process
/// started afterwards shows the same question, takes the answer and finishes the task.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class WaitingTaskRestartTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task ClassifyDocuments_EveryProcessKilledWhileWaiting_AnsweredOnNewProcessCompletes()
    {
        var taskHub = TaskHubs.New("restart");
        var container = await ReviewDocuments.UploadAsync(azurite);
        string taskId;
        JsonObject asked;
        await using (var only = await ServerProcess.StartAsync("first", ServerSettings.Anonymous(azurite, taskHub)))
        {
            using var client = only.CreateClient();
            var created = await client.CallToolAsync("classify_documents", ReviewCorpus.Arguments(container), withTasks: true);
            taskId = TaskAssert.IsCreateTaskResult(created, DateTimeOffset.UtcNow);
            asked = await client.WaitForInputRequiredAsync(taskId, Timeout);

            await only.KillAsync();
        }

        await using var successor = await ServerProcess.StartAsync("successor", ServerSettings.Anonymous(azurite, taskHub));
        using var next = successor.CreateClient();
        var seen = (await next.GetTaskAsync(taskId)).RequireResult();
        Assert.True(JsonNode.DeepEquals(asked["inputRequests"], InputRequestAssert.Outstanding(seen)), $"The question changed across the restart: {seen.ToJsonString()}");
        var (key, question) = InputRequestAssert.Single(seen);
        var (field, document, model, correction) = ReviewCorpus.FirstField(question);

        TaskAssert.IsAcknowledgement(await next.UpdateTaskAsync(taskId, InputRequestAssert.Answer(key, "accept", new JsonObject { [field] = correction })));
        var done = await next.WaitForTerminalAsync(taskId, Timeout);

        Assert.Equal("completed", TaskAssert.Status(done));
        var summary = done["result"]!["structuredContent"]!;
        Assert.Equal("accept", summary["reviewed"]!["outcome"]!.GetValue<string>());
        Assert.Equal(1, summary["relabelled"]!.GetValue<int>());
        var corrected = Assert.Single(await ReviewCorpus.ReadOutputAsync(azurite, summary["output"]!.GetValue<string>()), e => e!["modelCategory"] is not null);
        Assert.Equal(document, corrected!["name"]!.GetValue<string>());
        Assert.Equal(correction, corrected["category"]!.GetValue<string>());
        Assert.Equal(model, corrected["modelCategory"]!.GetValue<string>());
    }
}
