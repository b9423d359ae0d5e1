using System.Net;
using System.Text.Json.Nodes;
using DurableMcp.Protocol2025.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests;

/// <summary>The 2025-11-25 methods on the real server (callers bound by development tokens): shapes and every bad input.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class Protocol2025EndpointTests(AzuriteFixture azurite, ServerFixture server) : IClassFixture<ServerFixture>
{
    private const int InvalidParams = -32602;
    private const int MethodNotFound = -32601;
    private const string UnknownId = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

    [Fact]
    public async Task Initialize_BoundCaller_AdvertisesTasksWithList()
    {
        using var client = await ClientAsync();

        var capabilities = (await client.InitializeAsync()).Result["capabilities"]!["tasks"]!.AsObject();

        Assert.NotNull(capabilities["list"]);
        Assert.NotNull(capabilities["cancel"]);
        Assert.NotNull(capabilities["requests"]!["tools"]!["call"]);
    }

    [Fact]
    public async Task ToolsList_2025_EveryToolHasTaskSupport_2026Unchanged()
    {
        using var client = await ClientAsync();

        var tools = (await client.SendAsync("tools/list", null)).Result["tools"]!.AsArray();
        var tools2026 = (await client.SendAsync("tools/list", null, RpcClient.July2026)).Result["tools"]!.AsArray();

        Assert.All(tools, t => Assert.Contains(t!["execution"]?["taskSupport"]?.GetValue<string>(), new[] { "forbidden", "optional", "required" }));
        Assert.Equal("optional", tools.Single(t => t!["name"]!.GetValue<string>() == "run_steps")!["execution"]!["taskSupport"]!.GetValue<string>());
        Assert.Equal("forbidden", tools.Single(t => t!["name"]!.GetValue<string>() == "get_document")!["execution"]!["taskSupport"]!.GetValue<string>());
        Assert.All(tools2026, t => Assert.Null(t!["execution"]));
    }

    [Fact]
    public async Task ToolsCall_WithTask_NestedTaskWithTtlClampedToMaximum()
    {
        using var client = await ClientAsync();

        var task = (await client.SendAsync("tools/call", Call("run_steps", new JsonObject { ["steps"] = 1 }, ttl: long.MaxValue))).Result["task"]!.AsObject();

        Assert.Equal("working", task["status"]!.GetValue<string>());
        Assert.Equal((long)ServerProcess.MaxTtl.TotalMilliseconds, task["ttl"]!.GetValue<long>());
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

        var result = (await client.SendAsync("tasks/result", TaskId(taskId))).Result;
        var task = (await client.SendAsync("tasks/get", TaskId(taskId))).Result;

        Assert.Equal("Completed 2 steps.", result["content"]![0]!["text"]!.GetValue<string>());
        Assert.Equal(taskId, result["_meta"]!["io.modelcontextprotocol/related-task"]!["taskId"]!.GetValue<string>());
        Assert.Equal(taskId, task["taskId"]!.GetValue<string>());
        Assert.Equal("completed", task["status"]!.GetValue<string>());
        Assert.Null(task["result"]);
        Assert.Null(task["ttlMs"]);
        Assert.NotNull(task["ttl"]);
    }

    [Fact]
    public async Task IsErrorResult_2025SeesFailed_2026SeesCompleted()
    {
        using var client = await ClientAsync();
        var taskId = await StartAsync(client, "classify_documents", new JsonObject { ["container"] = "no-such-container" });

        var result = (await client.SendAsync("tasks/result", TaskId(taskId))).Result;
        var task2025 = (await client.SendAsync("tasks/get", TaskId(taskId))).Result;
        var task2026 = (await client.SendAsync("tasks/get", TaskId(taskId), RpcClient.July2026, taskId)).Result;

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

        var cancelled = (await client.SendAsync("tasks/cancel", TaskId(taskId))).Result;
        var again = await client.SendAsync("tasks/cancel", TaskId(taskId));
        var result = await client.SendAsync("tasks/result", TaskId(taskId));

        Assert.Equal("cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal(taskId, cancelled["taskId"]!.GetValue<string>());
        Assert.Equal(InvalidParams, again.ErrorCode);
        Assert.Contains("already cancelled", again.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(-32004, result.ErrorCode);
        Assert.Equal(taskId, result.Last["error"]!["data"]!["_meta"]!["io.modelcontextprotocol/related-task"]!["taskId"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("tasks/get")]
    [InlineData("tasks/result")]
    [InlineData("tasks/cancel")]
    public async Task TaskMethods_UnknownMalformedMissingOrForeignId_InvalidParams(string method)
    {
        using var client = await ClientAsync();
        using var other = (await server.GetAsync(azurite)).CreateClient(ServerProcess.BobToken);
        var alices = await StartAsync(client, "run_steps", new JsonObject { ["steps"] = 1 });

        Assert.Equal(InvalidParams, (await client.SendAsync(method, TaskId(UnknownId))).ErrorCode);
        Assert.Equal(InvalidParams, (await client.SendAsync(method, TaskId("not a task id!"))).ErrorCode);
        Assert.Equal(InvalidParams, (await client.SendAsync(method, [])).ErrorCode);
        Assert.Equal(InvalidParams, (await client.SendAsync(method, new JsonObject { ["taskId"] = 42 })).ErrorCode);
        Assert.Equal(InvalidParams, (await other.SendAsync(method, TaskId(alices))).ErrorCode);
    }

    [Fact]
    public async Task TasksList_BadCursors_InvalidParams()
    {
        using var client = await ClientAsync();
        for (var i = 0; i <= ServerProcess.ListPageSize; i++)
        {
            await StartAsync(client, "run_steps", new JsonObject { ["steps"] = 1 });
        }

        var first = (await client.SendAsync("tasks/list", [])).Result;
        var cursor = first["nextCursor"]!.GetValue<string>();
        using var other = (await server.GetAsync(azurite)).CreateClient(ServerProcess.BobToken);

        Assert.Equal(ServerProcess.ListPageSize, first["tasks"]!.AsArray().Count);
        Assert.Equal(InvalidParams, (await client.SendAsync("tasks/list", new JsonObject { ["cursor"] = "garbage" })).ErrorCode);
        Assert.Equal(InvalidParams, (await client.SendAsync("tasks/list", new JsonObject { ["cursor"] = cursor[..^2] + (cursor[^2] == 'A' ? "BA" : "AA") })).ErrorCode);
        Assert.Equal(InvalidParams, (await client.SendAsync("tasks/list", new JsonObject { ["cursor"] = 7 })).ErrorCode);
        Assert.Equal(InvalidParams, (await other.SendAsync("tasks/list", new JsonObject { ["cursor"] = cursor })).ErrorCode);
        Assert.Equal(MethodNotFound, (await client.SendAsync("tasks/list", [], RpcClient.July2026)).ErrorCode);
    }

    [Fact]
    public async Task TasksList_OnlyTheCallersTasks_InlineRunsLeftOut_EachWithItsTtlAndStatus()
    {
        using var carol = (await server.GetAsync(azurite)).CreateClient(ServerProcess.CarolToken);
        using var bob = (await server.GetAsync(azurite)).CreateClient(ServerProcess.BobToken);
        var running = await StartAsync(carol, "run_steps", new JsonObject { ["steps"] = 100, ["stepDelayMs"] = 1000 });
        var finished = await StartAsync(carol, "run_steps", new JsonObject { ["steps"] = 1 });
        var result = (await carol.SendAsync("tasks/result", TaskId(finished))).Result;
        var inline = (await carol.SendAsync("tools/call", new JsonObject { ["name"] = "run_steps", ["arguments"] = new JsonObject { ["steps"] = 1 } })).Result;
        var bobs = await StartAsync(bob, "run_steps", new JsonObject { ["steps"] = 1 });

        var listed = new List<JsonObject>();
        string? cursor = null;
        for (var pages = 0; pages == 0 || (cursor is not null && pages < 20); pages++)
        {
            var page = (await carol.SendAsync("tasks/list", cursor is null ? [] : new JsonObject { ["cursor"] = cursor })).Result;
            listed.AddRange(page["tasks"]!.AsArray().Select(t => t!.AsObject()));
            cursor = page["nextCursor"]?.GetValue<string>();
        }

        await carol.SendAsync("tasks/cancel", TaskId(running));
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

        var response = await client.SendAsync("tools/call", new JsonObject
        {
            ["name"] = "classify_documents",
            ["arguments"] = new JsonObject { ["container"] = container, ["prefix"] = "inbox/", ["reviewBelow"] = 0.99 },
        });

        // 2025-11-25 has no multi-round-trip call: a question can reach the user only on a task's tasks/result stream.
        Assert.Equal(-32600, response.ErrorCode);
        Assert.Contains("call it again with params.task", response.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ToolsCall_BadTaskParams_InvalidParams_ForbiddenToolAsTask_MethodNotFound()
    {
        using var client = await ClientAsync();

        Assert.Equal(InvalidParams, (await client.SendAsync("tools/call", new JsonObject { ["name"] = "run_steps", ["task"] = new JsonObject { ["ttl"] = -1 } })).ErrorCode);
        Assert.Equal(InvalidParams, (await client.SendAsync("tools/call", new JsonObject { ["name"] = "run_steps", ["task"] = new JsonObject { ["ttl"] = "soon" } })).ErrorCode);
        Assert.Equal(InvalidParams, (await client.SendAsync("tools/call", new JsonObject { ["name"] = "run_steps", ["task"] = "yes" })).ErrorCode);
        Assert.Equal(MethodNotFound, (await client.SendAsync("tools/call", Call("get_document", new JsonObject { ["container"] = "c", ["name"] = "n" }, ttl: null))).ErrorCode);
    }

    [Fact]
    public async Task ElicitationResponse_WrongAnswerRefused_RightAnswerResumes_ForeignCallerRefused()
    {
        using var client = await ClientAsync();
        using var other = (await server.GetAsync(azurite)).CreateClient(ServerProcess.BobToken);
        var container = await ReviewDocuments.UploadAsync(azurite);
        var taskId = await StartAsync(client, "classify_documents", new JsonObject { ["container"] = container, ["prefix"] = "inbox/", ["reviewBelow"] = 0.99 });

        // The stream ends when the task does; answer from the first server request it carries.
        var streaming = client.SendAsync("tasks/result", TaskId(taskId));
        JsonObject? question = null;
        for (var i = 0; i < 100 && question is null; i++)
        {
            var task = (await client.SendAsync("tasks/get", TaskId(taskId))).Result;
            if (task["status"]!.GetValue<string>() == "input_required")
            {
                var get2026 = (await client.SendAsync("tasks/get", TaskId(taskId), RpcClient.July2026, taskId)).Result;
                var (key, request) = get2026["inputRequests"]!.AsObject().Single();
                question = new JsonObject { ["key"] = key, ["params"] = request!["params"]!.DeepClone() };
            }
            else
            {
                await Task.Delay(200);
            }
        }

        Assert.NotNull(question);
        var id = JsonValue.Create($"elicit:{taskId}:{question["key"]!.GetValue<string>()}");
        var fields = question["params"]!["requestedSchema"]!["properties"]!.AsObject();
        var wrong = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { [fields.First().Key] = "not-a-category" } };
        var right = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject(fields.Select(f => KeyValuePair.Create(f.Key, (JsonNode?)f.Value!["default"]!.DeepClone()))) };

        var refused = await client.RespondAsync(id, wrong);
        var foreign = await other.RespondAsync(id, right);
        var accepted = await client.RespondAsync(id, right);
        var outcome = await streaming;

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("-32602", refused.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, foreign.Status);
        Assert.Equal(HttpStatusCode.Accepted, accepted.Status);
        var elicitation = outcome.Messages.Single(m => m["method"]?.GetValue<string>() == "elicitation/create");
        Assert.Equal(id.GetValue<string>(), elicitation["id"]!.GetValue<string>());
        Assert.Equal(taskId, elicitation["params"]!["_meta"]!["io.modelcontextprotocol/related-task"]!["taskId"]!.GetValue<string>());
        Assert.Equal("accept", outcome.Result["structuredContent"]!["reviewed"]!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task TasksGet_2025HammeredForOneTask_SomeThrottledWhileAnotherTaskIsNot()
    {
        using var client = await ClientAsync();
        var hammered = await StartAsync(client, "run_steps", new JsonObject { ["steps"] = 1 });
        var other = await StartAsync(client, "run_steps", new JsonObject { ["steps"] = 1 });

        // 60 polls of one task at once (a 250 ms poll interval allows a burst of 20, then one every 62.5 ms); a 2025
        // request names its task only in the body, so the task layer, not the HTTP front door, counts them.
        var answers = await Task.WhenAll(Enumerable.Range(0, 60).Select(_ => client.SendAsync("tasks/get", TaskId(hammered))));
        var modest = await client.SendAsync("tasks/get", TaskId(other));

        var throttled = answers.Where(a => a.Last["error"] is not null).ToList();
        Assert.NotEmpty(throttled);
        Assert.True(answers.Length - throttled.Count >= 20, $"Only {answers.Length - throttled.Count} of 60 polls were served; the burst alone allows 20.");
        Assert.All(throttled, a =>
        {
            Assert.Equal(-32000, a.ErrorCode);
            Assert.Contains("pollIntervalMs (250)", a.ErrorMessage, StringComparison.Ordinal);
        });
        Assert.Equal(other, modest.Result["taskId"]!.GetValue<string>());
    }

    private async Task<RpcClient> ClientAsync() => (await server.GetAsync(azurite)).CreateClient();

    private static async Task<string> StartAsync(RpcClient client, string tool, JsonObject arguments)
    {
        var response = await client.SendAsync("tools/call", Call(tool, arguments, ttl: 60_000));
        return response.Result["task"]!["taskId"]!.GetValue<string>();
    }

    private static JsonObject Call(string tool, JsonObject arguments, long? ttl) => new()
    {
        ["name"] = tool,
        ["arguments"] = arguments,
        ["task"] = ttl is { } ms ? new JsonObject { ["ttl"] = ms } : new JsonObject(),
    };

    private static JsonObject TaskId(string taskId) => new() { ["taskId"] = taskId };
}
