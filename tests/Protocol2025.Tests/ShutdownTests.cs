using System.Diagnostics;
using System.Text.Json.Nodes;
using DurableMcp.Protocol2025.Tests.Infrastructure;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableMcp.Protocol2025.Tests;

/// <summary>A blocked 2025-11-25 tasks/result holds neither the task nor the shutdown, and ends before the platform's HTTP time limit.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ShutdownTests(AzuriteFixture azurite)
{
    /// <summary>TasksLog's "a 2025-11-25 tasks/result stream opened" event: the stream is past its task lookup and polling.</summary>
    private const int ResultStreamOpened = 2006;

    [Fact]
    public async Task TasksResult_Blocked_EndsWithAnErrorWhenTheServerStops()
    {
        await using var server = await InProcessServer.StartAsync(azurite, RequiredTaskTools.Host);
        using var client = server.CreateClient();
        var taskId = await StartSlowTaskAsync(client);

        var blocked = client.Request2025Async("tasks/result", new JsonObject { ["taskId"] = taskId });
        await server.Log.WaitForAsync(ResultStreamOpened, TimeSpan.FromSeconds(30));
        Assert.False(blocked.IsCompleted);
        var clock = Stopwatch.StartNew();
        await server.DisposeAsync(); // the end of the block disposes it again: a no-op once stopped
        var response = await blocked.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(-32005, response.RequireErrorCode());
        Assert.Contains("tasks/result again", response.ErrorMessage, StringComparison.Ordinal);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(8), $"shutdown took {clock.Elapsed}");
    }

    [Fact]
    public async Task TasksResult_Blocked_EndsWithAnErrorAtTheStreamTimeLimit()
    {
        var limit = TimeSpan.FromSeconds(3);
        await using var server = await InProcessServer.StartAsync(azurite, new InProcessServerOptions
        {
            TaskHubPrefix = RequiredTaskTools.Host.TaskHubPrefix,
            Tools = RequiredTaskTools.Host.Tools,
            Configure = services =>
            {
                var options = services.GetRequiredService<IOptions<DurableTasksOptions>>().Value;
                options.StreamKeepAliveInterval = TimeSpan.FromSeconds(1);
                options.MaxStreamDuration = limit;
            },
        });
        using var client = server.CreateClient();
        var taskId = await StartSlowTaskAsync(client);

        var clock = Stopwatch.StartNew();
        var response = await client.Request2025Async("tasks/result", new JsonObject { ["taskId"] = taskId }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(-32005, response.RequireErrorCode());
        Assert.Contains("time limit", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("tasks/result again", response.ErrorMessage, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, limit, limit + TimeSpan.FromSeconds(20));
        var task = (await client.Request2025Async("tasks/get", new JsonObject { ["taskId"] = taskId })).RequireResult();
        Assert.Equal("working", task["status"]!.GetValue<string>()); // the stream ended, the task did not
    }

    /// <summary>A task that waits an hour for an event (a durable wait): its tasks/result blocks.</summary>
    private static async Task<string> StartSlowTaskAsync(McpHttpClient client)
    {
        var created = await client.Request2025Async("tools/call", new JsonObject
        {
            ["name"] = RequiredTaskTools.SlowTool,
            ["arguments"] = new JsonObject(),
            ["task"] = new JsonObject(),
        });
        return created.RequireResult()["task"]!["taskId"]!.GetValue<string>();
    }
}
