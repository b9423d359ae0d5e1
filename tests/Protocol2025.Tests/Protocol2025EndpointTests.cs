using System.Net;
using System.Text.Json.Nodes;
using DurableMcp.Protocol2025.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests;

/// <summary>The 2025-11-25 methods on the real server (callers bound by development tokens): shapes and every bad input.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class Protocol2025EndpointTests(AzuriteFixture azurite, ServerProcessFixture server) : IClassFixture<ServerProcessFixture>
{
    private const int InvalidParams = -32602;
    private const int MethodNotFound = -32601;
    private const string UnknownId = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    [Fact]
    public async Task Initialize_BoundCaller_AdvertisesTasksWithList()
    {
        using var client = await ClientAsync();

        var capabilities = (await client.InitializeAsync()).RequireResult()["capabilities"]!["tasks"]!.AsObject();

        Assert.NotNull(capabilities["list"]);
        Assert.NotNull(capabilities["cancel"]);
        Assert.NotNull(capabilities["requests"]!["tools"]!["call"]);
    }

    [Fact]
    public async Task ToolsList_2025_EveryToolHasTaskSupport_2026Unchanged()
    {
        using var client = await ClientAsync();

        var tools = (await client.Request2025Async("tools/list", null)).RequireResult()["tools"]!.AsArray();
        var tools2026 = (await client.RequestAsync("tools/list", null, withTasks: true)).RequireResult()["tools"]!.AsArray();

        Assert.All(tools, t => Assert.Contains(t!["execution"]?["taskSupport"]?.GetValue<string>(), new[] { "forbidden", "optional", "required" }));
        Assert.Equal("optional", tools.Single(t => t!["name"]!.GetValue<string>() == "run_steps")!["execution"]!["taskSupport"]!.GetValue<string>());
        Assert.Equal("forbidden", tools.Single(t => t!["name"]!.GetValue<string>() == "get_document")!["execution"]!["taskSupport"]!.GetValue<string>());
        Assert.All(tools2026, t => Assert.Null(t!["execution"]));
    }

    [Fact]
    public async Task ToolsCall_WithTask_NestedTaskWithTtlClampedToMaximum()
    {
        using var client = await ClientAsync();

        var task = (await client.Request2025Async("tools/call", Call("run_steps", new JsonObject { ["steps"] = 1 }, ttl: long.MaxValue))).RequireResult()["task"]!.AsObject();

        Assert.Equal("working", task["status"]!.GetValue<string>());
        Assert.Equal((long)DevTokenServer.MaxTtl.TotalMilliseconds, task["ttl"]!.GetValue<long>());
        Assert.Equal(250, task["pollInterval"]!.GetValue<long>());
        Assert.NotNull(task["createdAt"]);
        Assert.NotNull(task["lastUpdatedAt"]);
        Assert.Null(task["resultType"]);
    }

    [Fact]
    public async Task TasksGet_2025Task_FlatTaskAndResultWithRelatedTaskMeta()
    {
        using var client = await ClientAsync();
        var taskId = await StartAsync(client, "run_steps", new JsonObject { ["steps"] = 2 });

        var result = (await client.Request2025Async("tasks/result", TaskId(taskId))).RequireResult();
        var task = (await client.Request2025Async("tasks/get", TaskId(taskId))).RequireResult();

        Assert.Equal("Completed 2 steps.", result["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(taskId, result["_meta"]!["io.modelcontextprotocol/related-task"]!["taskId"]!.GetValue<string>());
        Assert.Equal(taskId, task["taskId"]!.GetValue<string>());
        Assert.Equal("completed", task["status"]!.GetValue<string>());
        Assert.Null(task["result"]);
        Assert.Null(task["ttlMs"]);
        Assert.NotNull(task["ttl"]);
    }

    [Fact]
    public async Task TasksResult_EachStatusChange_NotifiedWithTheTaskOnTheStream_BeforeTheResult()
    {
        using var client = await ClientAsync();
        var taskId = await StartAsync(client, "run_steps", new JsonObject { ["steps"] = 3, ["stepDelayMs"] = 300 });

        var outcome = await client.Request2025Async("tasks/result", TaskId(taskId));
        var polled = (await client.Request2025Async("tasks/get", TaskId(taskId))).RequireResult();

        Assert.Equal("Completed 3 steps.", outcome.RequireResult()["content"]![0]!["text"]!.GetValue<string>());
        Assert.Same(outcome.Message, outcome.Messages[^1]);
        var notifications = outcome.Messages.SkipLast(1).ToList();
        Assert.All(notifications, n => Assert.Equal("notifications/tasks/status", n["method"]?.GetValue<string>()));
        var tasks = notifications.Select(n => n["params"]!.AsObject()).ToList();
        Assert.All(tasks, t => Assert.Equal(taskId, t["taskId"]?.GetValue<string>()));
        Assert.All(tasks, t => Assert.Null(t["_meta"]));
        Assert.All(tasks, t => Assert.True(t.ContainsKey("ttl") && t.ContainsKey("createdAt") && t.ContainsKey("lastUpdatedAt")));

        // The steps take 900 ms, so at least one change of status message is seen while working; the last is the end.
        Assert.True(tasks.Count >= 2, $"Expected a working and a completed notification: {outcome}");
        Assert.All(tasks.SkipLast(1), t => Assert.Equal("working", t["status"]?.GetValue<string>()));
        var messages = tasks.Select(t => t["statusMessage"]?.GetValue<string>()).ToList();
        Assert.Equal(messages.Count, messages.Distinct().Count());
        Assert.Equal(messages.Order(StringComparer.Ordinal), messages);
        var last = tasks[^1].DeepClone().AsObject();
        Assert.Equal("completed", last["status"]?.GetValue<string>());
        polled.Remove("_meta");
        Assert.True(JsonNode.DeepEquals(polled, last), $"Notified {last}, polled {polled}");
    }

    [Fact]
    public async Task IsErrorResult_2025SeesFailed_2026SeesCompleted()
    {
        using var client = await ClientAsync();
        var taskId = await StartAsync(client, "classify_documents", new JsonObject { ["container"] = "no-such-container" });

        var result = (await client.Request2025Async("tasks/result", TaskId(taskId))).RequireResult();
        var task2025 = (await client.Request2025Async("tasks/get", TaskId(taskId))).RequireResult();
        var task2026 = (await client.RequestAsync("tasks/get", TaskId(taskId), withTasks: true, name: taskId)).RequireResult();

        Assert.True(result["isError"]!.GetValue<bool>());
        Assert.Equal("failed", task2025["status"]!.GetValue<string>());
        Assert.Equal("completed", task2026["status"]!.GetValue<string>());
        Assert.True(task2026["result"]!["isError"]!.GetValue<bool>());
    }

    [Fact]
    public async Task TasksCancel_Running_TaskAlreadyCancelled_ThenTerminalIsInvalidParams()
    {
        using var client = await ClientAsync();
        var taskId = await StartAsync(client, "run_steps", new JsonObject { ["steps"] = 100, ["stepDelayMs"] = 1000 });

        var cancelled = (await client.Request2025Async("tasks/cancel", TaskId(taskId))).RequireResult();
        var again = await client.Request2025Async("tasks/cancel", TaskId(taskId));
        var result = await client.Request2025Async("tasks/result", TaskId(taskId));

        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal(taskId, cancelled["taskId"]!.GetValue<string>());
        Assert.Equal(InvalidParams, again.RequireErrorCode());
        Assert.Contains("already cancelled", again.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(-32004, result.RequireErrorCode());
        Assert.Equal(taskId, result.Error!["data"]!["_meta"]!["io.modelcontextprotocol/related-task"]!["taskId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("tasks/get")]
    [InlineData("tasks/result")]
    [InlineData("tasks/cancel")]
    public async Task TaskMethods_UnknownMalformedMissingOrForeignId_InvalidParams(string method)
    {
        using var client = await ClientAsync();
        using var other = await ClientAsync(DevTokenServer.BobToken);
        var alices = await StartAsync(client, "run_steps", new JsonObject { ["steps"] = 1 });

        Assert.Equal(InvalidParams, (await client.Request2025Async(method, TaskId(UnknownId))).RequireErrorCode());
        Assert.Equal(InvalidParams, (await client.Request2025Async(method, TaskId("not a task id!"))).RequireErrorCode());
        Assert.Equal(InvalidParams, (await client.Request2025Async(method, [])).RequireErrorCode());
        Assert.Equal(InvalidParams, (await client.Request2025Async(method, new JsonObject { ["taskId"] = 42 })).RequireErrorCode());
        Assert.Equal(InvalidParams, (await other.Request2025Async(method, TaskId(alices))).RequireErrorCode());
    }

    [Fact]
    public async Task TasksList_BadCursors_InvalidParams()
    {
        using var client = await ClientAsync();
        for (var i = 0; i <= DevTokenServer.ListPageSize; i++)
        {
            await StartAsync(client, "run_steps", new JsonObject { ["steps"] = 1 });
        }

        var first = (await client.Request2025Async("tasks/list", [])).RequireResult();
        var cursor = first["nextCursor"]!.GetValue<string>();
        using var other = await ClientAsync(DevTokenServer.BobToken);

        Assert.Equal(DevTokenServer.ListPageSize, first["tasks"]!.AsArray().Count);
        Assert.Equal(InvalidParams, (await client.Request2025Async("tasks/list", new JsonObject { ["cursor"] = "garbage" })).RequireErrorCode());
        Assert.Equal(InvalidParams, (await client.Request2025Async("tasks/list", new JsonObject { ["cursor"] = cursor[..^2] + (cursor[^2] == 'A' ? "BA" : "AA") })).RequireErrorCode());
        Assert.Equal(InvalidParams, (await client.Request2025Async("tasks/list", new JsonObject { ["cursor"] = 7 })).RequireErrorCode());
        Assert.Equal(InvalidParams, (await other.Request2025Async("tasks/list", new JsonObject { ["cursor"] = cursor })).RequireErrorCode());
        Assert.Equal(MethodNotFound, (await client.RequestAsync("tasks/list", [], withTasks: true)).RequireErrorCode());
    }

    [Fact]
    public async Task TasksList_OnlyTheCallersTasks_InlineRunsLeftOut_EachWithItsTtlAndStatus()
    {
        using var carol = await ClientAsync(DevTokenServer.CarolToken);
        using var bob = await ClientAsync(DevTokenServer.BobToken);
        var running = await StartAsync(carol, "run_steps", new JsonObject { ["steps"] = 100, ["stepDelayMs"] = 1000 });
        var finished = await StartAsync(carol, "run_steps", new JsonObject { ["steps"] = 1 });
        var result = (await carol.Request2025Async("tasks/result", TaskId(finished))).RequireResult();
        var inline = (await carol.Request2025Async("tools/call", new JsonObject { ["name"] = "run_steps", ["arguments"] = new JsonObject { ["steps"] = 1 } })).RequireResult();
        var bobs = await StartAsync(bob, "run_steps", new JsonObject { ["steps"] = 1 });

        var listed = new List<JsonObject>();
        string? cursor = null;
        for (var pages = 0; pages == 0 || (cursor is not null && pages < 20); pages++)
        {
            var page = (await carol.Request2025Async("tasks/list", cursor is null ? [] : new JsonObject { ["cursor"] = cursor })).RequireResult();
            listed.AddRange(page["tasks"]!.AsArray().Select(t => t!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }

        await carol.Request2025Async("tasks/cancel", TaskId(running));
        Assert.Equal("Completed 1 steps.", inline["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal("Completed 1 steps.", result["content"]![0]!["text"]!.GetValue<string>());
        var ids = listed.Select(t => t["taskId"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(bobs, ids);
        Assert.Equal(new[] { finished, running }.Order(StringComparer.Ordinal), ids.Order(StringComparer.Ordinal)); // the inline run is not a task
        Assert.All(listed, t => Assert.Equal(60_000, t["ttl"]!.GetValue<long>()));
        Assert.Equal("completed", listed.Single(t => t["taskId"]!.GetValue<string>() == finished)["status"]!.GetValue<string>());
        Assert.Equal("working", listed.Single(t => t["taskId"]!.GetValue<string>() == running)["status"]!.GetValue<string>());
        Assert.Equal(250, listed.Single(t => t["taskId"]!.GetValue<string>() == running)["pollInterval"]!.GetValue<long>());
    }

    [Fact]
    public async Task ToolsCall_WithoutTask_ToolAsksAQuestion_InvalidRequestToCallItAsATask()
    {
        using var client = await ClientAsync();
        var container = await ReviewDocuments.UploadAsync(azurite);

        var response = await client.Request2025Async("tools/call", new JsonObject
        {
            ["name"] = "classify_documents",
            ["arguments"] = new JsonObject { ["container"] = container, ["prefix"] = "inbox/", ["reviewBelow"] = ReviewDocuments.ReviewBelow },
        });

        // 2025-11-25 has no multi-round-trip call: a question can reach the user only on a task's tasks/result stream.
        Assert.Equal(-32600, response.RequireErrorCode());
        Assert.Contains("call it again with params.task", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolsCall_BadTaskParams_InvalidParams_ForbiddenToolAsTask_MethodNotFound()
    {
        using var client = await ClientAsync();

        Assert.Equal(InvalidParams, (await client.Request2025Async("tools/call", new JsonObject { ["name"] = "run_steps", ["task"] = new JsonObject { ["ttl"] = -1 } })).RequireErrorCode());
        Assert.Equal(InvalidParams, (await client.Request2025Async("tools/call", new JsonObject { ["name"] = "run_steps", ["task"] = new JsonObject { ["ttl"] = "soon" } })).RequireErrorCode());
        Assert.Equal(InvalidParams, (await client.Request2025Async("tools/call", new JsonObject { ["name"] = "run_steps", ["task"] = "yes" })).RequireErrorCode());
        Assert.Equal(MethodNotFound, (await client.Request2025Async("tools/call", Call("get_document", new JsonObject { ["container"] = "c", ["name"] = "n" }, ttl: null))).RequireErrorCode());
    }

    [Fact]
    public async Task ElicitationResponse_WrongAnswerRefused_RightAnswerResumes_ForeignCallerRefused()
    {
        using var client = await ClientAsync();
        using var other = await ClientAsync(DevTokenServer.BobToken);
        var container = await ReviewDocuments.UploadAsync(azurite);
        var taskId = await StartAsync(client, "classify_documents", new JsonObject { ["container"] = container, ["prefix"] = "inbox/", ["reviewBelow"] = ReviewDocuments.ReviewBelow });

        // The stream ends when the task does; answer the question it asks (the 2026 view of the task has the question's key).
        var streaming = client.Request2025Async("tasks/result", TaskId(taskId));
        await Poll.UntilAsync(
            async () => (await client.Request2025Async("tasks/get", TaskId(taskId))).RequireResult(),
            task => task["status"]?.GetValue<string>() == "input_required",
            TimeSpan.FromSeconds(30),
            "the 2025 task to ask for input",
            TimeSpan.FromMilliseconds(200));
        var get2026 = (await client.RequestAsync("tasks/get", TaskId(taskId), withTasks: true, name: taskId)).RequireResult();
        var (key, question) = get2026["inputRequests"]!.AsObject().Single();

        var id = JsonValue.Create($"elicit:{taskId}:{key}");
        var fields = question!["params"]!["requestedSchema"]!["properties"]!.AsObject();
        var wrong = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { [fields.First().Key] = "not-a-category" } };
        var right = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value!["default"]!.DeepClone()))) };

        var refused = await client.Respond2025Async(id, wrong);
        var foreign = await other.Respond2025Async(id, right);
        var accepted = await client.Respond2025Async(id, right);
        var outcome = await streaming;

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("-32602", refused.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        var elicitation = outcome.Messages.Single(m => m["method"]?.GetValue<string>() == "elicitation/create");
        Assert.Equal("notifications/tasks/status", outcome.Messages[^2]["method"]?.GetValue<string>());
        Assert.Equal("completed", outcome.Messages[^2]["params"]!["status"]?.GetValue<string>());
        Assert.Equal(id.GetValue<string>(), elicitation["id"]!.GetValue<string>());
        Assert.Equal(taskId, elicitation["params"]!["_meta"]!["io.modelcontextprotocol/related-task"]!["taskId"]!.GetValue<string>());
        Assert.Equal("accept", outcome.RequireResult()["structuredContent"]!["reviewed"]!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task TasksGet_2025HammeredForOneTask_SomeThrottledWhileAnotherTaskIsNot()
    {
        using var client = await ClientAsync();
        var hammered = await StartAsync(client, "run_steps", new JsonObject { ["steps"] = 1 });
        var other = await StartAsync(client, "run_steps", new JsonObject { ["steps"] = 1 });

        // 60 polls of one task at once (a 250 ms poll interval allows a burst of 20, then one every 62.5 ms); a 2025
        // request names its task only in the body, so the task layer, not the HTTP front door, counts them.
        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => client.Request2025Async("tasks/get", TaskId(hammered))));
        var modest = await client.Request2025Async("tasks/get", TaskId(other));

        var throttled = answers.Where(a => a.Error is not null).ToList();
        Assert.NotEmpty(throttled);
        Assert.True(answers.Length - throttled.Count >= 20, $"Only {answers.Length - throttled.Count} of 60 polls were served; the burst alone allows 20.");
        Assert.All(throttled, a =>
        {
            Assert.Equal(-32000, a.RequireErrorCode());
            Assert.Contains("pollIntervalMs (250)", a.ErrorMessage, StringComparison.Ordinal);
        });
        Assert.Equal(other, modest.RequireResult()["taskId"]!.GetValue<string>());
    }

    private async Task<McpHttpClient> ClientAsync(string token = DevTokenServer.AliceToken) => (await DevTokenServer.GetAsync(server, azurite)).CreateClient(token);

    private static async Task<string> StartAsync(McpHttpClient client, string tool, JsonObject arguments)
    {
        var response = await client.Request2025Async("tools/call", Call(tool, arguments, ttl: 60_000));
        return response.RequireResult()["task"]!["taskId"]!.GetValue<string>();
    }

    private static JsonObject Call(string tool, JsonObject arguments, long? ttl) => new()
    {
        ["name"] = tool,
        ["arguments"] = arguments,
        ["task"] = ttl is { } ms ? new JsonObject { ["ttl"] = ms } : new JsonObject(),
    };

    private static JsonObject TaskId(string taskId) => new() { ["taskId"] = taskId };
}
