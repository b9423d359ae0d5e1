using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;
using Xunit.Abstractions;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// Storage taken away while tasks run and while one waits for its user, then given back on the same ports with the same
/// data. While it is down, every request that needs storage gets the retryable error (HTTP 503, <c>Retry-After</c>,
/// -32007) within the storage timeout, and requests that do not are served; once it is back, the same server process
/// finishes every task and the waiting task takes its answer; no task is lost or made by a refused call; an activity whose
/// result was checkpointed before the outage never runs again, and every activity runs (one scheduled at the moment storage
/// went away may run twice: Durable Functions runs activities at least once). This class has an Azurite of its own (a
/// class fixture), since it stops it.
/// </summary>
public sealed class StorageOutageTests(AzuriteFixture azurite, ITestOutputHelper output) : IClassFixture<AzuriteFixture>
{
    private const int StorageUnavailable = -32007;
    private const int Steps = 30;
    // What the probes aim at; a probe of the down storage takes ~6 s, so the outage lasts ~15-20 s.
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(12);
    private static readonly TimeSpan StorageTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Requests_WhileStorageIsDown_Get503WithRetryAfter_AndEveryTaskGoesOnOnceItIsBack()
    {
        var clock = Stopwatch.StartNew();
        var container = await ReviewDocuments.UploadAsync(azurite);
        var settings = ServerSettings.Anonymous(azurite, TaskHubs.New("outage"));
        settings["McpTasks__StorageTimeout"] = StorageTimeout.ToString();
        // Longer than the outage: an activity that ends while storage is down is delivered once it is back, and its queue
        // message must not be handed out again before that (docs/configuration.md, "Storage outages").
        settings["DurableTask__MessageVisibilityTimeout"] = "00:01:00";
        await using var server = await ServerProcess.StartAsync("outage", settings);
        server.Track(" of task ");
        server.Track("processed multiple times concurrently");
        server.Track("[5000]");
        server.Track("[5001]");
        using var client = server.CreateClient();

        var running = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            running.Add(Callers.TaskId(await client.CallToolAsync("run_steps", new JsonObject { ["steps"] = Steps, ["stepDelayMs"] = 300 }, withTasks: true)));
        }

        var waiting = Callers.TaskId(await client.CallToolAsync("classify_documents", ReviewCorpus.Arguments(container), withTasks: true));
        var asked = await client.WaitForInputRequiredAsync(waiting, Timeout);
        var (key, question) = InputRequestAssert.Single(asked);
        var (field, _, _, correction) = ReviewCorpus.FirstField(question);
        var answer = InputRequestAssert.Answer(key, "accept", new JsonObject { [field] = correction });
        foreach (var taskId in running)
        {
            await client.WaitForTaskAsync(taskId, t => TaskAssert.StepsDone(t) >= 2, Timeout, "two steps done before the outage");
        }

        Assert.Equal(HttpStatusCode.OK, (await client.InitializeAsync()).StatusCode);
        var checkpointed = new Dictionary<string, int>();
        foreach (var taskId in running)
        {
            checkpointed[taskId] = TaskAssert.StepsDone((await client.GetTaskAsync(taskId)).RequireResult());
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: tasks running and waiting; stopping storage");
        var outage = Stopwatch.StartNew();
        await azurite.StopAsync();
        output.WriteLine($"storage stopped in {outage.Elapsed.TotalSeconds:0.0} s");

        // Every kind of request that needs storage, at once: the retryable error within the storage timeout, nothing done.
        var refused = await Task.WhenAll(
            TimedAsync("tasks/get", () => client.GetTaskAsync(running[0])),
            TimedAsync("tasks/update", () => client.UpdateTaskAsync(waiting, answer)),
            TimedAsync("tasks/cancel", () => client.CancelTaskAsync(running[1])),
            TimedAsync("tools/call", () => client.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: true)),
            TimedAsync("2025-11-25 tasks/get", () => client.Request2025Async("tasks/get", new JsonObject { ["taskId"] = running[0] })));
        foreach (var (what, response, took) in refused)
        {
            output.WriteLine($"{what}: HTTP {(int)response.StatusCode} {response.ErrorCode} after {took.TotalSeconds:0.0} s");
            AssertStorageUnavailable(what, response);
            Assert.True(took < StorageTimeout + TimeSpan.FromSeconds(3), $"{what} waited {took.TotalSeconds:0.0} s for storage.");
        }

        // A 2025-11-25 POST has its 200 and stream headers sent before the handler runs: the error alone says it.
        Assert.Equal(HttpStatusCode.OK, refused[^1].Response.StatusCode);
        Assert.All(refused[..^1], r => Assert.Equal(HttpStatusCode.ServiceUnavailable, r.Response.StatusCode));
        Assert.All(refused[..^1], r => Assert.Equal("5", r.Response.Headers.GetValueOrDefault("Retry-After")));
        Assert.Equal(HttpStatusCode.OK, (await client.DiscoverAsync()).StatusCode);
        await Poll.HoldsAsync(
            () => client.GetTaskAsync(running[0]),
            r => r.StatusCode == HttpStatusCode.ServiceUnavailable && r.ErrorCode == StorageUnavailable,
            Outage - outage.Elapsed,
            "every poll gets 503 with -32007 while storage is down",
            TimeSpan.FromSeconds(1));

        await azurite.StartAgainAsync();
        var down = outage.Elapsed;
        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: storage back after {down.TotalSeconds:0.0} s");

        // The same process goes on: the running tasks finish, each step run once; the waiting one still asks and resumes.
        foreach (var taskId in running)
        {
            var done = await client.WaitForTerminalAsync(taskId, Timeout);
            Assert.Equal("completed", TaskAssert.Status(done));
            Assert.Equal($"Completed {Steps} steps.", TaskAssert.Text(done["result"]!));
        }

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: running tasks completed");
        var seen = await client.WaitForInputRequiredAsync(waiting, Timeout);
        Assert.True(JsonNode.DeepEquals(asked["inputRequests"], InputRequestAssert.Outstanding(seen)), $"The question changed over the outage: {seen.ToJsonString()}");
        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(waiting, answer));
        var reviewed = await client.WaitForTerminalAsync(waiting, Timeout);
        Assert.Equal("completed", TaskAssert.Status(reviewed));
        Assert.Equal("accept", reviewed["result"]!["structuredContent"]!["reviewed"]!["outcome"]!.GetValue<string>());

        output.WriteLine($"{clock.Elapsed.TotalSeconds:0.0} s: answered task completed");
        output.WriteLine($"activity outcomes held while storage was down: {server.TrackedLines("[5000]").Count}, delivered after: {server.TrackedLines("[5001]").Count}");
        var stepLines = server.TrackedLines(" of task ");
        var runs = running
            .SelectMany(taskId => Enumerable.Range(0, Steps).Select(step => (taskId, step, Line: $"Step {step} of task {taskId} ran")))
            .Select(s => (s.taskId, s.step, s.Line, Runs: stepLines.Count(l => l.Contains(s.Line, StringComparison.Ordinal))))
            .ToList();
        var twice = runs.Where(r => r.Runs > 1).ToList();
        output.WriteLine($"steps run twice: {twice.Count} of {runs.Count} ({string.Join("; ", twice.Select(r => r.Line))})");
        Assert.All(runs, r => Assert.True(r.Runs >= 1, $"{r.Line}: never (outage {down.TotalSeconds:0.0} s)."));
        Assert.All(runs.Where(r => r.step < checkpointed[r.taskId]), r => Assert.True(r.Runs == 1, $"{r.Line}: {r.Runs} times, though checkpointed before the outage."));
        Assert.All(runs, r => Assert.True(r.Runs <= 2, $"{r.Line}: {r.Runs} times (outage {down.TotalSeconds:0.0} s)."));

        // Exactly the three tasks the test made: none lost, none made by the refused tools/call.
        await using var hub = await TaskHubReader.OpenAsync(azurite, settings["DurableTask__HubName"]);
        var instances = new List<string>();
        await foreach (var instance in hub.Client.GetAllInstancesAsync(new Microsoft.DurableTask.Client.OrchestrationQuery()))
        {
            instances.Add(instance.InstanceId);
        }

        Assert.Equal(running.Append(waiting).Order(StringComparer.Ordinal), instances.Order(StringComparer.Ordinal));

        Assert.Empty(server.TrackedLines("processed multiple times concurrently"));
        Assert.False(server.HasExited);
    }

    private static async Task<(string What, McpResponse Response, TimeSpan Took)> TimedAsync(string what, Func<Task<McpResponse>> send)
    {
        var clock = Stopwatch.StartNew();
        var response = await send();
        return (what, response, clock.Elapsed);
    }

    private static void AssertStorageUnavailable(string what, McpResponse response)
    {
        Assert.True(response.ErrorCode == StorageUnavailable, $"{what}: expected -32007, got {response}");
        Assert.Contains("storage is unavailable", response.ErrorMessage, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(5000, response.Error!["data"]?["retryAfterMs"]?.GetValue<long>());
        foreach (var leak in new[] { "Exception", "   at ", "System.", "Grpc", "Azure." })
        {
            Assert.DoesNotContain(leak, response.Body, StringComparison.Ordinal);
        }
    }
}
