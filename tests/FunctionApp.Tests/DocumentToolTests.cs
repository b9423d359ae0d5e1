using System.Globalization;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>The plain (non-durable) document tools over the 2026-07-28 wire: they answer at once, never with a task.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DocumentToolTests(AzuriteFixture azurite, ServerProcessFixture shared) : IClassFixture<ServerProcessFixture>
{
    [Fact]
    public async Task GetDocument_ExistingBlob_ReturnsItsText()
    {
        var (container, _) = await UploadAsync("short.txt", "Our VPN client drops the connection every ten minutes.");
        using var client = await ClientAsync();

        var response = await client.CallToolAsync("get_document", new JsonObject { ["container"] = container, ["name"] = "short.txt" }, withTasks: true);

        var result = response.RequireResult();
        Assert.Equal("complete", result["resultType"]?.GetValue<string>());
        Assert.NotEqual(true, result["isError"]?.GetValue<bool>());
        Assert.Equal("Our VPN client drops the connection every ten minutes.", TaskAssert.Text(result));
    }

    [Fact]
    public async Task GetDocument_LargeBlob_TruncatedTo20000CharactersWithNote()
    {
        var text = string.Concat(Enumerable.Repeat("The invoice total does not match the purchase order. ", 1000));
        var (container, _) = await UploadAsync("large.txt", text);
        using var client = await ClientAsync();

        var response = await client.CallToolAsync("get_document", new JsonObject { ["container"] = container, ["name"] = "large.txt" }, withTasks: false);

        var returned = TaskAssert.Text(response.RequireResult());
        Assert.StartsWith(text[..20_000], returned, StringComparison.Ordinal);
        Assert.EndsWith(string.Create(CultureInfo.InvariantCulture, $"[truncated: {text.Length:N0} characters in all]"), returned, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClassifyText_WithTasksExtension_AnswersAtOnceWithoutTask()
    {
        using var client = await ClientAsync();

        var response = await client.CallToolAsync("classify_text", new JsonObject { ["text"] = "The employment contract's notice period and the severance terms need review by counsel." }, withTasks: true);

        var result = response.RequireResult();
        Assert.Equal("complete", result["resultType"]?.GetValue<string>());
        Assert.Null(result["taskId"]);
        var classification = JsonNode.Parse(TaskAssert.Text(result))!;
        Assert.Contains(classification["category"]!.GetValue<string>(), new[] { "legal", "human_resources" });
        Assert.NotEmpty(classification["keyTerms"]!.AsArray());
    }

    private async Task<(string Container, string Name)> UploadAsync(string name, string text)
    {
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient(TaskHubs.NewContainer("docs"));
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient(name).UploadAsync(BinaryData.FromString(text), overwrite: true);
        return (container.Name, name);
    }

    private async Task<McpHttpClient> ClientAsync() => (await shared.GetAsync(azurite, "documents")).CreateClient();
}
