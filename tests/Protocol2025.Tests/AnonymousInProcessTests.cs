using System.Text.Json.Nodes;
using DurableMcp.Protocol2025.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests;

/// <summary>2025-11-25 on a host without caller identity, with a task-only tool.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AnonymousInProcessTests(AzuriteFixture azurite, InProcessServer server) : IClassFixture<InProcessServer>
{
    [Fact]
    public async Task Initialize_Anonymous_TasksWithoutList_AndListNotServed()
    {
        using var client = await ClientAsync();

        var tasks = (await client.InitializeAsync()).Result["capabilities"]!["tasks"]!.AsObject();
        var list = await client.SendAsync("tasks/list", []);

        Assert.Null(tasks["list"]);
        Assert.NotNull(tasks["cancel"]);
        Assert.Equal(-32601, list.ErrorCode);
    }

    [Fact]
    public async Task RequiredTool_WithoutTask_MethodNotFound_WithTask_RunsToResult()
    {
        using var client = await ClientAsync();
        var arguments = new JsonObject { ["archive"] = "q3" };

        var listed = (await client.SendAsync("tools/list", null)).Result["tools"]!.AsArray().Single(t => t!["name"]!.GetValue<string>() == RequiredTaskTools.TaskOnlyTool);
        var refused = await client.SendAsync("tools/call", new JsonObject { ["name"] = RequiredTaskTools.TaskOnlyTool, ["arguments"] = arguments.DeepClone() });
        var created = await client.SendAsync("tools/call", new JsonObject { ["name"] = RequiredTaskTools.TaskOnlyTool, ["arguments"] = arguments.DeepClone(), ["task"] = new JsonObject() });
        var taskId = created.Result["task"]!["taskId"]!.GetValue<string>();
        var result = await client.SendAsync("tasks/result", new JsonObject { ["taskId"] = taskId });

        Assert.Equal("required", listed!["execution"]!["taskSupport"]!.GetValue<string>());
        Assert.Equal(-32601, refused.ErrorCode);
        Assert.Contains("params.task", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(1 * 60 * 60 * 1000, created.Result["task"]!["ttl"]!.GetValue<long>());
        Assert.Equal("Exported q3 in 3 parts.", result.Result["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public async Task TasksResult_QuietTask_StreamOutlivesKeepAlives_ThenEndsWithTheCancellation()
    {
        using var client = await ClientAsync();
        var created = await client.SendAsync("tools/call", new JsonObject { ["name"] = RequiredTaskTools.SlowTool, ["arguments"] = new JsonObject(), ["task"] = new JsonObject() });
        var taskId = created.Result["task"]!["taskId"]!.GetValue<string>();

        using var stream = await client.OpenStreamAsync("tasks/result", new JsonObject { ["taskId"] = taskId });
        using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync());
        var lines = new List<string>();
        var patience = InProcessServer.KeepAliveInterval * 10;
        while (lines.Count(l => l == ": keep-alive") < 3)
        {
            lines.Add(await reader.ReadLineAsync().WaitAsync(patience) ?? throw new Xunit.Sdk.XunitException(
                $"The stream ended after {string.Join(" | ", lines)}{Environment.NewLine}{server.Log}"));
        }

        var cancelled = await client.SendAsync("tasks/cancel", new JsonObject { ["taskId"] = taskId });
        var rest = await reader.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var outcome = JsonNode.Parse(rest.Split('\n').Single(l => l.StartsWith("data: ", StringComparison.Ordinal))["data: ".Length..])!;

        Assert.Equal("text/event-stream", stream.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(lines, l => l.StartsWith("data: ", StringComparison.Ordinal));
        Assert.Equal("cancelled", cancelled.Result["status"]!.GetValue<string>());
        Assert.Equal(-32004, outcome["error"]!["code"]!.GetValue<int>());
        Assert.Equal(taskId, outcome["error"]!["data"]!["_meta"]!["io.modelcontextprotocol/related-task"]!["taskId"]!.GetValue<string>());
    }

    private async Task<RpcClient> ClientAsync()
    {
        await server.StartAsync(azurite);
        return new RpcClient(server.Endpoint, token: null, () => server.Log.ToString());
    }
}
