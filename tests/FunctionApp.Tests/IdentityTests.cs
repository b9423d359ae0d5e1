using System.Net;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// Tasks are bound to the caller that created them (Identity:Mode=DevToken, two callers): another caller's task requests,
/// every method of both revisions, are answered exactly like an unknown id (and change nothing), a caller lists only its
/// own tasks, requests without a known token never reach the endpoint, and the audit events name the owner by an opaque id.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class IdentityTests(AzuriteFixture azurite, ServerProcessFixture server) : IClassFixture<ServerProcessFixture>
{
    private const int InvalidParams = -32602;
    private static readonly TimeSpan TaskTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Every request that names a task, in both revisions (2025-11-25 answers are JSON-RPC responses to <c>elicit:{taskId}:{key}</c>).</summary>
    public static TheoryData<string, string> TaskRequests => new()
    {
        { "2026-07-28", "tasks/get" },
        { "2026-07-28", "tasks/update" },
        { "2026-07-28", "tasks/cancel" },
        { "2025-11-25", "tasks/get" },
        { "2025-11-25", "tasks/result" },
        { "2025-11-25", "tasks/cancel" },
        { "2025-11-25", "elicitation answer" },
    };

    [Theory]
    [MemberData(nameof(TaskRequests))]
    public async Task TaskRequest_OfAnotherCaller_AnsweredExactlyLikeAnUnknownId(string revision, string method)
    {
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        using var bob = process.CreateClient("bobtoken");
        var taskId = Callers.TaskId(await alice.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1000, ["stepDelayMs"] = 100 }, withTasks: true));
        var bobsTask = Callers.TaskId(await bob.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: true));
        var unknownIds = new[] { TaskIds.New(), TaskIds.New(await Callers.StoredOwnerAsync(azurite, server.TaskHub, bobsTask)) };
        var send = Request(revision, method);

        var theirs = await send(bob, taskId);

        Assert.Equal(InvalidParams, theirs.RequireErrorCode());
        Assert.Null(theirs.Result);
        Assert.Contains(taskId, theirs.ErrorMessage, StringComparison.Ordinal);
        foreach (var unknownId in unknownIds)
        {
            // Status, content type, code and message (but for the id each names): nothing tells bob the task exists.
            Assert.Equal(Callers.ErrorShape(await send(bob, unknownId), unknownId), Callers.ErrorShape(theirs, taskId));
            Assert.Equal(Callers.ErrorShape(await send(alice, unknownId), unknownId), Callers.ErrorShape(theirs, taskId));
        }

        // Nothing bob sent reached the task: it keeps advancing for alice, who can still see and cancel it.
        var seen = (await alice.GetTaskAsync(taskId)).RequireResult();
        Assert.Equal("working", TaskAssert.Status(seen));
        var stepsAfterBob = TaskAssert.StepsDone(seen);
        await alice.WaitForTaskAsync(taskId, t => TaskAssert.Status(t) == "working" && TaskAssert.StepsDone(t) >= stepsAfterBob + 2, TaskTimeout, $"two more steps after bob's {method}");
        Assert.Equal("complete", (await alice.CancelTaskAsync(taskId)).RequireResult()["resultType"]?.GetValue<string>());
        Assert.Equal("cancelled", TaskAssert.Status(await alice.WaitForTerminalAsync(taskId, TaskTimeout)));
    }

    [Fact]
    public async Task TasksList2025_OfAnotherCaller_ListsOnlyTheirOwn()
    {
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        using var bob = process.CreateClient("bobtoken");
        var aliceTask = Callers.TaskId(await alice.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: true));
        var bobTask = Callers.TaskId(await bob.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: true));

        var listedForBob = await ListedAsync(bob);
        var listedForAlice = await ListedAsync(alice);

        Assert.Contains(bobTask, listedForBob);
        Assert.DoesNotContain(aliceTask, listedForBob);
        Assert.Contains(aliceTask, listedForAlice);
        Assert.DoesNotContain(bobTask, listedForAlice);
    }

    /// <summary>Every task id a caller's 2025-11-25 <c>tasks/list</c> hands out, page after page.</summary>
    private static async Task<List<string>> ListedAsync(McpHttpClient client)
    {
        var ids = new List<string>();
        JsonNode? cursor = null;
        do
        {
            var page = (await client.Request2025Async("tasks/list", cursor is null ? new JsonObject() : new JsonObject { ["cursor"] = cursor.DeepClone() })).RequireResult();
            ids.AddRange(page["tasks"]!.AsArray().Select(t => t!["taskId"]!.GetValue<string>()));
            cursor = page["nextCursor"];
        }
        while (cursor is not null);
        return ids;
    }

    /// <summary>How a caller sends <paramref name="method"/> of <paramref name="revision"/> about a task id.</summary>
    private static Func<McpHttpClient, string, Task<McpResponse>> Request(string revision, string method)
    {
        var answers = new JsonObject { ["confirm"] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject() } };
        return (revision, method) switch
        {
            ("2026-07-28", "tasks/get") => (client, id) => client.GetTaskAsync(id),
            ("2026-07-28", "tasks/update") => (client, id) => client.UpdateTaskAsync(id, answers),
            ("2026-07-28", "tasks/cancel") => (client, id) => client.CancelTaskAsync(id),
            ("2025-11-25", "elicitation answer") => (client, id) => client.Respond2025Async($"elicit:{id}:confirm", new JsonObject { ["action"] = "accept", ["content"] = new JsonObject() }),
            ("2025-11-25", _) => (client, id) => client.Request2025Async(method, new JsonObject { ["taskId"] = id }),
            _ => throw new ArgumentOutOfRangeException(nameof(method), $"{revision} {method}"),
        };
    }

    [Fact]
    public async Task OwnTask_CreatedAndPolledByItsCaller_CompletesWithResult()
    {
        var process = await ServerAsync();
        using var bob = process.CreateClient("bobtoken");

        var taskId = Callers.TaskId(await bob.CallToolAsync("run_steps", new JsonObject { ["steps"] = 2 }, withTasks: true));
        var done = await bob.WaitForTerminalAsync(taskId, TaskTimeout);

        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Equal("Completed 2 steps.", TaskAssert.Text(done["result"]!));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer nosuchtoken")]
    [InlineData("Bearer ")]
    [InlineData("Basic YWxpY2U6YWxpY2V0b2tlbg==")]
    [InlineData("alicetoken")]
    public async Task Request_WithoutAKnownToken_Http401(string? authorization)
    {
        var process = await ServerAsync();
        using var client = process.CreateClient();
        if (authorization is not null)
        {
            client.DefaultHeaders["Authorization"] = authorization;
        }

        var discover = await client.DiscoverAsync();
        var call = await client.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: true);
        var get = await client.GetTaskAsync(TaskIds.New());

        Assert.Equal(HttpStatusCode.Unauthorized, discover.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, call.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Null(call.Result);
    }

    [Fact]
    public async Task AuditLog_CreationCompletionAndRetrieval_NameTheOwnerByAnOpaqueId()
    {
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        using var bob = process.CreateClient("bobtoken");
        var aliceTask = Callers.TaskId(await alice.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: true));
        var bobTask = Callers.TaskId(await bob.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1 }, withTasks: true));
        await alice.WaitForTerminalAsync(aliceTask, TaskTimeout);
        await bob.WaitForTerminalAsync(bobTask, TaskTimeout);
        Assert.Equal(InvalidParams, (await bob.GetTaskAsync(aliceTask)).RequireErrorCode());

        var aliceOwner = await Callers.StoredOwnerAsync(azurite, server.TaskHub, aliceTask);
        var bobOwner = await Callers.StoredOwnerAsync(azurite, server.TaskHub, bobTask);

        Assert.NotNull(aliceOwner);
        Assert.NotNull(bobOwner);
        Assert.NotEqual(aliceOwner, bobOwner);
        foreach (var raw in new[] { "alice", "alicetoken", "urn:durable-mcp:dev" })
        {
            Assert.DoesNotContain(raw, aliceOwner, StringComparison.OrdinalIgnoreCase);
        }

        // Polls of an unfinished task are not retrievals (they are Debug events, not written at this level).
        var running = Callers.TaskId(await alice.CallToolAsync("run_steps", new JsonObject { ["steps"] = 1000, ["stepDelayMs"] = 100 }, withTasks: true));
        Assert.Equal("working", TaskAssert.Status((await alice.GetTaskAsync(running)).RequireResult()));
        Assert.Equal("working", TaskAssert.Status((await alice.GetTaskAsync(running)).RequireResult()));
        await alice.CancelTaskAsync(running);

        // Created (2000) and retrieved (2004), each with alice's owner id; retrieval is the last to be logged, so once it
        // is there the other is too. (Starts and ends are Durable Functions' own telemetry.)
        var events = await Poll.UntilAsync(
            () => Task.FromResult(AuditEvents(process, aliceTask)),
            e => e.Any(x => x.EventId == 2004),
            TimeSpan.FromSeconds(10),
            $"the audit events of task {aliceTask} in the server output");
        foreach (var eventId in new[] { 2000, 2004 })
        {
            var logged = events.Where(e => e.EventId == eventId).ToList();
            Assert.True(logged.Count > 0, $"No event {eventId} for task {aliceTask}. Output:{Environment.NewLine}{process.RecentOutput}");
            Assert.All(logged, e => Assert.Equal(aliceOwner, e.Owner));
        }

        Assert.Contains(AuditEvents(process, running), e => e.EventId == 2002); // its cancellation, logged after the polls
        Assert.DoesNotContain(AuditEvents(process, running), e => e.EventId == 2004);

        // Bob's refused read of alice's task is no retrieval: every retrieval of it was alice's.
        Assert.DoesNotContain(events, e => e.Owner == bobOwner);
        Assert.DoesNotContain(process.RecentOutput.Split('\n'), line => line.Contains("\"alice\"", StringComparison.Ordinal));
    }

    private Task<ServerProcess> ServerAsync() => server.GetAsync(azurite, "identity", settings =>
    {
        settings.WithDevTokens(new Dictionary<string, string> { ["alicetoken"] = "alice", ["bobtoken"] = "bob" });
        settings["Logging__Console__FormatterName"] = "json";
        settings["Logging__LogLevel__ModelContextProtocol"] = "Warning";
    });

    /// <summary>The server's JSON log events about <paramref name="taskId"/>: EventId and the Owner placeholder.</summary>
    private static List<(int EventId, string? Owner)> AuditEvents(ServerProcess process, string taskId)
    {
        var events = new List<(int, string?)>();
        foreach (var line in process.RecentOutput.Split('\n'))
        {
            if (!line.TrimStart().StartsWith('{') || !line.Contains(taskId, StringComparison.Ordinal))
            {
                continue;
            }

            var entry = JsonNode.Parse(line)!;
            var state = entry["State"];
            if (state?["TaskId"]?.GetValue<string>() == taskId || state?["InstanceId"]?.GetValue<string>() == taskId)
            {
                events.Add((entry["EventId"]!.GetValue<int>(), state?["Owner"]?.GetValue<string>()));
            }
        }

        return events;
    }
}
