using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// A task's outputs live as long as the task: readable until its TTL, then answered with a clear "expired" error (to its
/// owner) while the task waits for the janitor, and deleted with the task when the janitor purges it. A 2025-11-25
/// client asks for the short TTL (<c>params.task.ttl</c>); the default TTL (when the janitor looks) is longer, so the
/// "expired, not yet purged" window is wide enough to see.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TaskOutputExpiryTests(AzuriteFixture azurite, ServerProcessFixture server) : IClassFixture<ServerProcessFixture>
{
    private const int ResourceNotFound = -32002;
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan PollEvery = TimeSpan.FromMilliseconds(300); // 2025-11-25 polls faster than the interval are throttled

    [Fact]
    public async Task TaskOutput_AfterTaskTtl_ExpiredErrorThenDeletedWithTheTask()
    {
        var process = await server.GetAsync(azurite, "outputexpiry", settings =>
        {
            settings["McpTasks__DefaultTtl"] = "00:00:20";
            settings["McpTasks__PurgeInterval"] = "00:00:01";
        });
        using var client = process.CreateClient();
        var container = await EtlData.UploadAsync(azurite);
        var sentAt = DateTimeOffset.UtcNow;
        var created = await client.Request2025Async("tools/call", new JsonObject
        {
            ["name"] = "run_etl",
            ["arguments"] = EtlTests.Arguments(container, EtlData.NewTable()),
            ["task"] = new JsonObject { ["ttl"] = (long)Ttl.TotalMilliseconds },
        });
        var taskId = created.RequireResult()["task"]!["taskId"]!.GetValue<string>();
        var uri = $"task://{taskId}/summary.json";

        await Poll.UntilAsync(() => TaskStatusAsync(client, taskId), status => status == "completed", Ttl, $"task {taskId} to complete", PollEvery);
        var read = await ReadAsync(client, uri);
        Assert.True(DateTimeOffset.UtcNow < sentAt + Ttl, $"The task took {(DateTimeOffset.UtcNow - sentAt).TotalSeconds:0.0} s of its {Ttl.TotalSeconds} s TTL; the machine is too slow for this test.");
        Assert.Equal(taskId, JsonNode.Parse(read.RequireResult()["contents"]![0]!["text"]!.GetValue<string>())!["summary"]!["outputs"]!["summary"]!.GetValue<string>().Split('/')[2]);

        var expired = await Poll.UntilAsync(() => ReadAsync(client, uri), r => r.Error is not null, Ttl + TimeSpan.FromSeconds(5), "the output to expire", PollEvery);
        Assert.Equal(ResourceNotFound, expired.RequireErrorCode());
        Assert.StartsWith($"Resource expired: '{uri}' belonged to task {taskId}", expired.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(uri, expired.Error!["data"]?["uri"]?.GetValue<string>());

        // The janitor deletes the outputs, then purges the task; then the link names nothing at all, and nothing is left.
        var gone = await Poll.UntilAsync(
            () => ReadAsync(client, uri),
            r => r.ErrorMessage?.StartsWith("Resource not found", StringComparison.Ordinal) == true,
            TimeSpan.FromSeconds(30),
            $"the janitor to purge task {taskId}",
            PollEvery);
        Assert.Equal(ResourceNotFound, gone.RequireErrorCode());
        Assert.Equal(0, await CountAsync(azurite.CreateBlobServiceClient().GetBlobContainerClient("task-outputs"), taskId + "/"));
    }

    private static async Task<int> CountAsync(Azure.Storage.Blobs.BlobContainerClient container, string prefix)
    {
        var count = 0;
        await foreach (var _ in container.GetBlobsAsync(Azure.Storage.Blobs.Models.BlobTraits.None, Azure.Storage.Blobs.Models.BlobStates.None, prefix, CancellationToken.None))
        {
            count++;
        }

        return count;
    }

    private static Task<McpResponse> ReadAsync(McpHttpClient client, string uri) =>
        client.Request2025Async("resources/read", new JsonObject { ["uri"] = uri });

    private static async Task<string?> TaskStatusAsync(McpHttpClient client, string taskId) =>
        (await client.Request2025Async("tasks/get", new JsonObject { ["taskId"] = taskId })).Result?["status"]?.GetValue<string>();
}
