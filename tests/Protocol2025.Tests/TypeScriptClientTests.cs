using System.Globalization;
using DurableMcp.Protocol2025.Tests.Infrastructure;
using Xunit.Abstractions;
using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests;

/// <summary>
/// The proof with a client nobody here wrote: tests/ts-client/tasks-client.mjs drives the real server with the TypeScript
/// MCP SDK's experimental tasks client (pinned in package.json): a long tool as a task streamed to completion, an
/// elicitation answered inside a task, a cancellation, and paged listing.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TypeScriptClientTests(AzuriteFixture azurite, ServerProcessFixture server, ITestOutputHelper output) : IClassFixture<ServerProcessFixture>
{
    [Fact]
    public async Task TasksClient_ExperimentalTasksApi_AllScenariosPass()
    {
        var process = await DevTokenServer.GetAsync(server, azurite);
        var container = await ReviewDocuments.UploadAsync(azurite);

        var (exitCode, text) = await NodeClient.RunAsync(azurite.RepositoryRoot, "tasks-client.mjs", new Dictionary<string, string>
        {
            ["MCP_URL"] = process.McpEndpoint.ToString(),
            ["MCP_TOKEN"] = DevTokenServer.AliceToken,
            ["MCP_OTHER_TOKEN"] = DevTokenServer.BobToken,
            ["MCP_REVIEW_CONTAINER"] = container,
            ["MCP_LIST_PAGE_SIZE"] = DevTokenServer.ListPageSize.ToString(CultureInfo.InvariantCulture),
        }, TimeSpan.FromMinutes(4));

        output.WriteLine(text);
        Assert.True(exitCode == 0, $"tasks-client.mjs exited {exitCode}:{Environment.NewLine}{text}{Environment.NewLine}Server:{Environment.NewLine}{process.RecentOutput}");
        Assert.DoesNotContain("not ok", text, StringComparison.Ordinal);
    }
}
