using System.Diagnostics;
using System.Text.Json.Nodes;
using DurableMcp.Protocol2025.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests;

/// <summary>A blocked 2025-11-25 tasks/result holds neither the task nor the shutdown.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ShutdownTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TasksResult_Blocked_EndsWithAnErrorWhenTheServerStops()
    {
        var server = new InProcessServer();
        await server.StartAsync(azurite);
        using var client = new RpcClient(server.Endpoint, token: null);
        var created = await client.SendAsync("tools/call", new JsonObject
        {
            ["name"] = RequiredTaskTools.SlowTool,
            ["arguments"] = new JsonObject(),
            ["task"] = new JsonObject(),
        });
        var taskId = created.Result["task"]!["taskId"]!.GetValue<string>();

        var blocked = client.SendAsync("tasks/result", new JsonObject { ["taskId"] = taskId });
        await Task.Delay(500);
        Assert.False(blocked.IsCompleted);
        var clock = Stopwatch.StartNew();
        await server.DisposeAsync();
        var response = await blocked.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(-32005, response.ErrorCode);
        Assert.Contains("tasks/result again", response.ErrorMessage, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"shutdown took {clock.Elapsed}");
    }
}
