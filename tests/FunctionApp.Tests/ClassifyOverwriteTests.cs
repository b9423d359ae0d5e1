using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// <c>classify_documents</c> with an <c>outputName</c> that already exists: it asks the typed question
/// <c>OverwriteConfirmation {overwrite: boolean, required}</c> and replaces the blob only when the user says so.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ClassifyOverwriteTests(AzuriteFixture azurite, ServerProcessFixture shared) : IClassFixture<ServerProcessFixture>
{
    private const string Earlier = """[{"name":"earlier.txt","category":"legal"}]""";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task ClassifyDocuments_OutputNameExists_AsksAndReplacesOnlyWhenConfirmed(bool overwrite)
    {
        var container = await ReviewDocuments.UploadAsync(azurite);
        var outputName = TaskHubs.NewContainer("earlier") + ".json";
        var outputs = azurite.CreateBlobServiceClient().GetBlobContainerClient("classifications");
        await outputs.CreateIfNotExistsAsync();
        await outputs.GetBlobClient(outputName).UploadAsync(BinaryData.FromString(Earlier), overwrite: true);
        using var client = (await shared.GetAsync(azurite, "overwrite")).CreateClient();

        var created = await client.CallToolAsync("classify_documents", ReviewCorpus.Arguments(container, outputName: outputName, reviewBelow: 0), withTasks: true);
        var taskId = TaskAssert.IsCreateTaskResult(created, DateTimeOffset.UtcNow);
        var (key, question) = InputRequestAssert.Single(await client.WaitForInputRequiredAsync(taskId, Timeout));

        Assert.Equal($"'classifications/{outputName}' already holds earlier results. Replace them?", question["message"]!.GetValue<string>());
        var field = Assert.Single(InputRequestAssert.Fields(question));
        Assert.Equal("overwrite", field.Key);
        Assert.Equal("boolean", field.Value!["type"]?.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(field.Value["description"]?.GetValue<string>()));
        Assert.Equal(["overwrite"], question["requestedSchema"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()));

        // The typed form is enforced: a missing or mistyped answer is refused and the question stays.
        var missing = await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(key, "accept", []));
        Assert.Equal(-32602, missing.RequireErrorCode());
        Assert.Contains("'overwrite' is required", missing.ErrorMessage, StringComparison.Ordinal);
        var mistyped = await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(key, "accept", new JsonObject { ["overwrite"] = "yes" }));
        Assert.Equal(-32602, mistyped.RequireErrorCode());
        Assert.Contains("'overwrite' must be true or false", mistyped.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(key, InputRequestAssert.Single((await client.GetTaskAsync(taskId)).RequireResult()).Key);

        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(key, "accept", new JsonObject { ["overwrite"] = overwrite })));
        var done = await client.WaitForTerminalAsync(taskId, Timeout);

        Assert.Equal("completed", TaskAssert.Status(done));
        var summary = done["result"]!["structuredContent"]!;
        var expectedOutput = overwrite ? $"classifications/{outputName}" : $"classifications/{taskId}.json";
        Assert.Equal(expectedOutput, summary["output"]!.GetValue<string>());
        Assert.Equal("none", summary["reviewed"]!["outcome"]!.GetValue<string>());
        var written = await ReviewCorpus.ReadOutputAsync(azurite, expectedOutput);
        Assert.Equal(ReviewDocuments.Texts.Count, written.Count);
        var named = (await outputs.GetBlobClient(outputName).DownloadContentAsync()).Value.Content.ToString();
        if (overwrite)
        {
            Assert.Equal(written.ToJsonString(), JsonNode.Parse(named)!.ToJsonString());
        }
        else
        {
            Assert.Equal(Earlier, named);
        }
    }
}
