using System.Globalization;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// A task lives for its TTL (McpTasks:DefaultTtl, short here) and is then unknown; the janitor (every
/// McpTasks:PurgeInterval) then purges its orchestration (state, history, large payloads) through the Durable client.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExpiryTests(AzuriteFixture azurite, ServerProcessFixture server) : IClassFixture<ServerProcessFixture>
{
    private const int InvalidParams = -32602;
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task CompletedTask_AfterItsTtl_UnknownAndPurged()
    {
        var process = await ServerAsync();
        using var client = process.CreateClient();
        var container = await UploadDocumentsAsync();

        // Reviewing every document makes the task ask a question (answered below: an external event).
        var created = (await client.CallToolAsync(
            "classify_documents",
            new JsonObject { ["container"] = container, ["prefix"] = "inbox/", ["reviewBelow"] = 1.0, ["answerTimeoutSeconds"] = 600 },
            withTasks: true)).RequireResult();
        var taskId = created["taskId"]!.GetValue<string>();
        var createdAt = TaskAssert.IsUtcTimestamp(created["createdAt"]);
        Assert.Equal((long)Ttl.TotalMilliseconds, created["ttlMs"]!.GetValue<long>());
        var question = await client.WaitForInputRequiredAsync(taskId, Ttl);
        var key = question["inputRequests"]!.AsObject().Single().Key;
        Assert.Equal("complete", (await client.UpdateTaskAsync(taskId, new JsonObject { [key] = new JsonObject { ["action"] = "decline" } })).RequireResult()["resultType"]?.GetValue<string>());
        var done = await client.WaitForTerminalAsync(taskId, Ttl);

        // Before expiry: answered as usual, and all of it is stored.
        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.True(done["result"]?["structuredContent"]?["reviewed"]?["outcome"]?.GetValue<string>() == "decline", $"Not a declined review: {done.ToJsonString()}");
        Assert.Equal((long)Ttl.TotalMilliseconds, done["ttlMs"]!.GetValue<long>());
        await using var reader = await TaskHubReader.OpenAsync(azurite, server.TaskHub);
        Assert.NotNull(await reader.Client.GetInstanceAsync(taskId));
        Assert.True(DateTimeOffset.UtcNow < createdAt + Ttl, "The task took its whole TTL to finish; the machine is too slow for this test's TTL.");

        // After expiry: every task request answers as for an id that never existed.
        var unknownId = TaskIds.New();
        var expired = await Poll.UntilAsync(
            () => client.GetTaskAsync(taskId), r => r.ErrorCode is not null, Ttl + TimeSpan.FromSeconds(15), $"task {taskId} to expire");
        Assert.True(DateTimeOffset.UtcNow >= createdAt + Ttl - TimeSpan.FromSeconds(1), $"Task {taskId} was unknown before its TTL ran out.");
        Assert.Equal(Callers.ErrorShape(await client.GetTaskAsync(unknownId), unknownId), Callers.ErrorShape(expired, taskId));
        Assert.Equal(InvalidParams, (await client.UpdateTaskAsync(taskId, new JsonObject { [key] = new JsonObject { ["action"] = "decline" } })).RequireErrorCode());
        Assert.Equal(InvalidParams, (await client.CancelTaskAsync(taskId)).RequireErrorCode());

        // And the janitor purges it: Durable Functions no longer knows the instance.
        await Poll.UntilAsync(
            () => reader.Client.GetInstanceAsync(taskId),
            instance => instance is null,
            TimeSpan.FromSeconds(20),
            $"the janitor to purge task {taskId}");
        await Poll.UntilAsync(
            () => Task.FromResult(process.RecentOutput),
            output => System.Text.RegularExpressions.Regex.IsMatch(output, @"Purged \d+ expired tasks"),
            TimeSpan.FromSeconds(10),
            "the janitor to log the purge");
    }

    private async Task<string> UploadDocumentsAsync()
    {
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient(TaskHubs.NewContainer("expiry"));
        await container.CreateIfNotExistsAsync();
        var corpus = HeldOutCorpus.Load();
        for (var i = 0; i < 8; i++)
        {
            var name = string.Create(CultureInfo.InvariantCulture, $"inbox/{i:D2}-customer-correspondence-forwarded-from-the-shared-mailbox-for-classification-and-review-{new string('x', 40)}.txt");
            await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(corpus[i].Text), overwrite: true);
        }

        return container.Name;
    }

    private Task<ServerProcess> ServerAsync() => server.GetAsync(azurite, "expiry", settings =>
    {
        settings["McpTasks__DefaultTtl"] = "00:00:10";
        settings["McpTasks__PurgeInterval"] = "00:00:01";
    });
}
