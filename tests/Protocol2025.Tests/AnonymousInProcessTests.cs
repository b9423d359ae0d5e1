using System.Text.Json.Nodes;
using DurableMcp.Protocol2025.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests;

/// <summary>2025-11-25 on a host without caller identity, with a task-only tool.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AnonymousInProcessTests(AzuriteFixture azurite, InProcessServerFixture host) : IClassFixture<InProcessServerFixture>
{
    [Fact]
    public async Task Initialize_Anonymous_TasksWithoutList_AndListNotServed()
    {
        using var client = await ClientAsync();

        var tasks = (await client.InitializeAsync()).RequireResult()["capabilities"]!["tasks"]!.AsObject();
        var list = await client.Request2025Async("tasks/list", []);

        Assert.Null(tasks["list"]);
        Assert.NotNull(tasks["cancel"]);
        Assert.Equal(-32601, list.RequireErrorCode());
    }

    [Fact]
    public async Task RequiredTool_WithoutTask_MethodNotFound_WithTask_RunsToResult()
    {
        using var client = await ClientAsync();
        var arguments = new JsonObject { ["archive"] = "q3" };

        var listed = (await client.Request2025Async("tools/list", null)).RequireResult()["tools"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == RequiredTaskTools.TaskOnlyTool);
        var refused = await client.Request2025Async("tools/call", new JsonObject { ["name"] = RequiredTaskTools.TaskOnlyTool, ["arguments"] = arguments.DeepClone() });
        var created = await client.Request2025Async("tools/call", new JsonObject { ["name"] = RequiredTaskTools.TaskOnlyTool, ["arguments"] = arguments.DeepClone(), ["task"] = new JsonObject() });
        var taskId = created.RequireResult()["task"]!["taskId"]!.GetValue<string>();
        var result = await client.Request2025Async("tasks/result", new JsonObject { ["taskId"] = taskId });

        Assert.Equal("required", listed!["execution"]!["taskSupport"]!.GetValue<string>());
        Assert.Equal(-32601, refused.RequireErrorCode());
        Assert.Contains("params.task", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1 * 60 * 60 * 1000, created.RequireResult()["task"]!["ttl"]!.GetValue<long>());
        Assert.Equal("Exported q3 in 3 parts.", result.RequireResult()["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task TasksResult_QuietTask_StreamOutlivesKeepAlives_ThenEndsWithTheCancelledStatusAndTheCancellation()
    {
        var server = await host.GetAsync(azurite, RequiredTaskTools.Host);
        using var client = server.CreateClient();
        var created = await client.Request2025Async("tools/call", new JsonObject { ["name"] = RequiredTaskTools.SlowTool, ["arguments"] = new JsonObject(), ["task"] = new JsonObject() });
        var taskId = created.RequireResult()["task"]!["taskId"]!.GetValue<string>();

        using var stream = await client.OpenStream2025Async("tasks/result", new JsonObject { ["taskId"] = taskId });
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        var patience = RequiredTaskTools.KeepAliveInterval * 10;
        while (lines.Count(l => l == ": keep-alive") < 3)
        {
            lines.Add(await reader.ReadLineAsync().WaitAsync(patience) ?? throw new Xunit.Sdk.XunitException(
                $"The stream ended after {string.Join(" | ", lines)}{Environment.NewLine}{server.Log}"));
        }

        var cancelled = await client.Request2025Async("tasks/cancel", new JsonObject { ["taskId"] = taskId });
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var messages = rest.Split('\n').Where(l => l.StartsWith("data: ", StringComparison.Ordinal)).Select(l => JsonNode.Parse(l["data: ".Length..])!).ToList();
        var outcome = messages[^1];

        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(lines, l => l.StartsWith("data: ", StringComparison.Ordinal));
        Assert.Equal("cancelled", cancelled.RequireResult()["status"]!.GetValue<string>());
        Assert.Equal(2, messages.Count);
        Assert.Equal("notifications/tasks/status", messages[0]["method"]!.GetValue<string>());
        Assert.Equal("cancelled", messages[0]["params"]!["status"]!.GetValue<string>());
        Assert.Equal(-32004, outcome["error"]!["code"]!.GetValue<int>());
        Assert.Equal(taskId, outcome["error"]!["data"]!["_meta"]!["io.modelcontextprotocol/related-task"]!["taskId"]!.GetValue<string>());
    }

    private async Task<McpHttpClient> ClientAsync() => (await host.GetAsync(azurite, RequiredTaskTools.Host)).CreateClient();
}
