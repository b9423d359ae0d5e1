using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Tasks.Durable;
using DurableMcp.Testing;
using Xunit.Abstractions;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// Task status pushed over <c>subscriptions/listen</c> (2026-07-28, Tasks extension), with a real client over HTTP
/// against two server processes on one task hub (a worker, and a frontend that runs nothing), callers bound by
/// development tokens, the conformance fixture tools on, a 100 ms watch interval and small limits (4 ids per stream,
/// 2 streams per caller).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class SubscriptionTests(AzuriteFixture azurite, ServerPairFixture servers, ITestOutputHelper output) : IClassFixture<ServerPairFixture>
{
    private const string AliceToken = "alicetoken";
    private const string BobToken = "bobtoken";
    private const string Listen = "subscriptions/listen";
    private const string SubscriptionIdKey = "io.modelcontextprotocol/subscriptionId";
    private static readonly TimeSpan MessageTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Listen_ThreeTasks_PushesEachTransitionInOrder_EndsWhenAllAreTerminal()
    {
        await StartAsync();
        using var alice = servers.Worker.CreateClient(AliceToken);
        var asking = await CallAsync(alice, "confirm_delete", new JsonObject { ["filename"] = "notes.txt" });
        var waiting = await CallAsync(alice, "slow_compute", new JsonObject { ["seconds"] = 600 });
        var stepping = await CallAsync(alice, "run_steps", new JsonObject { ["steps"] = 4, ["stepDelayMs"] = 400 });

        // Last-Event-ID is ignored: streams are not resumable, a listen always starts afresh.
        using var stream = await ListenAsync(alice, [asking, stepping, waiting], "listen-1", new Dictionary<string, string> { ["Last-Event-ID"] = "41" });
        Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
        Assert.Equal("text/event-stream", stream.ContentType);
        var ack = await stream.NextAsync(MessageTimeout);
        Assert.Equal([asking, stepping, waiting], AcknowledgedIds(ack, "listen-1"));

        var seen = new Dictionary<string, List<JsonObject>> { [asking] = [], [stepping] = [], [waiting] = [] };
        JsonObject? final = null;
        while (await stream.NextAsync(MessageTimeout) is { } message)
        {
            if (message.ContainsKey("id"))
            {
                final = message;
                break;
            }

            var task = TaskNotification(message, "listen-1");
            var taskId = task["taskId"]!.GetValue<string>();
            seen[taskId].Add(task);
            if (taskId == waiting && seen[taskId].Count == 1)
            {
                Assert.Equal("complete", (await alice.CancelTaskAsync(waiting)).RequireResult()["resultType"]?.GetValue<string>());
            }

            if (taskId == asking && TaskAssert.Status(task) == "input_required")
            {
                // The questions as tasks/get lists them at this moment; answering them moves the task on.
                var polled = (await alice.GetTaskAsync(asking)).RequireResult();
                Assert.True(JsonNode.DeepEquals(polled["inputRequests"], task["inputRequests"]), $"Pushed {task["inputRequests"]}, polled {polled["inputRequests"]}");
                var key = task["inputRequests"]!.AsObject().Single().Key;
                var answers = new JsonObject { [key] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["confirm"] = true } } };
                Assert.Equal("complete", (await alice.UpdateTaskAsync(asking, answers)).RequireResult()["resultType"]?.GetValue<string>());
            }
        }

        Assert.True(final is not null, $"The stream ended without its final response. {stream}");
        Assert.Equal("listen-1", final["id"]?.GetValue<string>());
        Assert.Equal("complete", final["result"]?["resultType"]?.GetValue<string>());
        Assert.Equal("listen-1", final["result"]?["_meta"]?[SubscriptionIdKey]?.GetValue<string>());
        Assert.Null(await stream.NextAsync(MessageTimeout));

        // Each task's notifications, in order: every visible change once (states shorter than the watch interval may
        // be skipped), ending with the terminal state exactly as tasks/get returns it.
        Assert.Matches("^(working )?input_required (working )?completed$", Statuses(seen[asking]));
        Assert.Equal("Deleted 'notes.txt'.", TaskAssert.Text(seen[asking][^1]["result"]!));
        Assert.Equal("working completed", Statuses(seen[stepping]));
        Assert.Equal("Completed 4 steps.", TaskAssert.Text(seen[stepping][^1]["result"]!));
        var steps = seen[stepping].SkipLast(1).Select(TaskAssert.StepsDone).ToList();
        Assert.Equal(steps.Order(), steps);
        Assert.Equal("working cancelled", Statuses(seen[waiting]));
        foreach (var (taskId, notifications) in seen)
        {
            Assert.All(notifications.Zip(notifications.Skip(1)), pair => Assert.NotEqual(View(pair.First), View(pair.Second)));
            var polled = (await alice.GetTaskAsync(taskId)).RequireResult();
            Assert.True(JsonNode.DeepEquals(AsNotified(polled), WithoutMeta(notifications[^1])), $"Pushed {notifications[^1]}, polled {polled}");
        }

        // What it cost (event 2014): one status read per unfinished task per 100 ms poll at most, a full read only after a write.
        var ended = await Poll.UntilAsync(
            () => Task.FromResult(StreamEnded().Match(servers.Worker.RecentOutput)), m => m.Success, MessageTimeout, "the stream's end in the server log");
        var (durationMs, tasks, statusReads, fullReads) = (Number(ended, "ms"), Number(ended, "tasks"), Number(ended, "status"), Number(ended, "full"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{tasks} tasks watched for {durationMs} ms: {statusReads} status reads, {fullReads} full reads ({statusReads * 1000.0 / durationMs / tasks:0.00} status reads per task per second)"));
        Assert.Equal(3, tasks);
        Assert.InRange(statusReads, 1, tasks * ((durationMs / 100) + 1));
        Assert.InRange(fullReads, 1, statusReads);
    }

    [Fact]
    public async Task Listen_ForeignUnknownAndMalformedIds_LeftOutOfTheAcknowledgementAlike()
    {
        await StartAsync();
        using var alice = servers.Worker.CreateClient(AliceToken);
        using var bob = servers.Worker.CreateClient(BobToken);
        var alices = await CallAsync(alice, "slow_compute", new JsonObject { ["seconds"] = 600 });
        var bobs = await CallAsync(bob, "run_steps", new JsonObject { ["steps"] = 1 });
        var bobsUnknown = bobs[..16] + TaskIds.New()[16..]; // bob's id prefix, so it is read, and found missing

        using var mixed = await ListenAsync(bob, [alices, bobsUnknown, "not-a-task-id", bobs], 7);
        Assert.Equal([bobs], AcknowledgedIds(await mixed.NextAsync(MessageTimeout), 7));
        var rest = await mixed.ReadToEndAsync(MessageTimeout);
        Assert.All(rest.SkipLast(1), m => Assert.Equal(bobs, TaskNotification(m, 7)["taskId"]?.GetValue<string>()));
        Assert.Equal("completed", TaskAssert.Status(TaskNotification(rest[^2], 7)));
        Assert.Equal("complete", rest[^1]["result"]?["resultType"]?.GetValue<string>());

        // Nothing granted: the same empty acknowledgement for another caller's task and an unknown one, then the end.
        using var foreign = await ListenAsync(bob, [alices], 8);
        using var unknown = await ListenAsync(bob, [bobsUnknown], 9);
        var foreignMessages = await foreign.ReadToEndAsync(MessageTimeout);
        var unknownMessages = await unknown.ReadToEndAsync(MessageTimeout);
        Assert.Empty(AcknowledgedIds(foreignMessages[0], 8));
        Assert.Empty(AcknowledgedIds(unknownMessages[0], 9));
        Assert.Equal(2, foreignMessages.Count);
        Assert.Equal(2, unknownMessages.Count);

        Assert.Equal("working", TaskAssert.Status((await alice.GetTaskAsync(alices)).RequireResult()));
        await alice.CancelTaskAsync(alices);
    }

    [Fact]
    public async Task Listen_OnFrontend_TaskAnsweredThroughTheWorker_IsPushedFromDurableFunctions()
    {
        await StartAsync();
        using var onWorker = servers.Worker.CreateClient(AliceToken);
        using var onFrontend = servers.Frontend.CreateClient(AliceToken);
        var taskId = await CallAsync(onWorker, "confirm_delete", new JsonObject { ["filename"] = "plan.md" });

        // The frontend runs no orchestrations: all it can push, it read from the task hub.
        using var stream = await ListenAsync(onFrontend, [taskId], "cross");
        Assert.Equal([taskId], AcknowledgedIds(await stream.NextAsync(MessageTimeout), "cross"));
        JsonObject task;
        do
        {
            task = TaskNotification(await stream.NextAsync(MessageTimeout), "cross");
        }
        while (TaskAssert.Status(task) != "input_required");

        var key = task["inputRequests"]!.AsObject().Single().Key;
        var answers = new JsonObject { [key] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["confirm"] = false } } };
        Assert.Equal("complete", (await onWorker.UpdateTaskAsync(taskId, answers)).RequireResult()["resultType"]?.GetValue<string>());

        var rest = await stream.ReadToEndAsync(MessageTimeout);
        var last = TaskNotification(rest[^2], "cross");
        Assert.Equal("completed", TaskAssert.Status(last));
        Assert.Equal("Kept 'plan.md'.", TaskAssert.Text(last["result"]!));
        Assert.Equal("complete", rest[^1]["result"]?["resultType"]?.GetValue<string>());
    }

    [Fact]
    public async Task Listen_PastTheLimits_RefusedClearly_KeepAlivesWhileQuiet_ASlotFreesWhenAStreamCloses()
    {
        await StartAsync();
        using var alice = servers.Worker.CreateClient(AliceToken);
        using var bob = servers.Worker.CreateClient(BobToken);
        var waiting = await CallAsync(alice, "confirm_delete", new JsonObject { ["filename"] = "keep.txt" });

        var tooMany = await alice.RequestAsync(Listen, Watching([.. Enumerable.Range(0, 5).Select(_ => TaskIds.New())]), withTasks: true);
        Assert.Equal(-32602, tooMany.RequireErrorCode());
        Assert.Contains("at most 4 task ids", tooMany.ErrorMessage, StringComparison.Ordinal);

        using var first = await ListenAsync(alice, [waiting], 1);
        using var second = await ListenAsync(alice, [waiting], 2);
        Assert.Equal([waiting], AcknowledgedIds(await first.NextAsync(MessageTimeout), 1));
        Assert.Equal([waiting], AcknowledgedIds(await second.NextAsync(MessageTimeout), 2));
        var third = await alice.RequestAsync(Listen, Watching([waiting]), withTasks: true);
        Assert.Equal(-32006, third.RequireErrorCode());
        Assert.Contains("2 open subscriptions/listen streams", third.ErrorMessage, StringComparison.Ordinal);

        // The limit is per caller: bob is not held back by alice's streams (and learns nothing of her task).
        var bobs = await bob.RequestAsync(Listen, Watching([waiting]), withTasks: true);
        Assert.Equal("notifications/subscriptions/acknowledged", bobs.Messages[0]["method"]?.GetValue<string>());
        Assert.Empty(bobs.Messages[0]["params"]!["notifications"]!["taskIds"]!.AsArray());

        // A quiet stream carries SSE comments (every 500 ms here) and nothing else.
        await second.WaitForCommentsAsync(2, MessageTimeout);

        // Closing a stream frees its slot once the server notices the client is gone.
        first.Dispose();
        using var reopened = await Poll.UntilAsync(
            async () =>
            {
                var stream = await ListenAsync(alice, [waiting], 3);
                if ((await stream.NextAsync(MessageTimeout))?["error"] is null)
                {
                    return stream;
                }

                stream.Dispose();
                return null;
            },
            stream => stream is not null,
            MessageTimeout,
            "a listen to be accepted after one of two streams closed");
        Assert.Equal([waiting], AcknowledgedIds(reopened!.Received[0], 3));

        await alice.CancelTaskAsync(waiting);
        var rest = await second.ReadToEndAsync(MessageTimeout);
        Assert.Equal("cancelled", TaskAssert.Status(TaskNotification(rest[^2], 2)));
        Assert.Equal("complete", rest[^1]["result"]?["resultType"]?.GetValue<string>());
    }

    [Fact]
    public async Task Listen_TaskIdsWithoutTheTasksExtension_MissingRequiredClientCapability()
    {
        await StartAsync();
        using var alice = servers.Worker.CreateClient(AliceToken);

        var response = await alice.RequestAsync(Listen, Watching([TaskIds.New()]), withTasks: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(-32021, response.RequireErrorCode());
        Assert.Contains(McpHttpClient.TasksExtension, response.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(response.Error!["data"]?["requiredCapabilities"]?["extensions"]?[McpHttpClient.TasksExtension]);

        // The capability is checked before the ids are even looked at.
        var malformed = await alice.RequestAsync(Listen, new JsonObject { ["notifications"] = new JsonObject { ["taskIds"] = 42 } }, withTasks: false);
        Assert.Equal(-32021, malformed.RequireErrorCode());
        var malformedWithTasks = await alice.RequestAsync(Listen, new JsonObject { ["notifications"] = new JsonObject { ["taskIds"] = 42 } }, withTasks: true);
        Assert.Equal(-32602, malformedWithTasks.RequireErrorCode());
    }

    [Fact]
    public async Task Listen_NoTaskIds_AcknowledgesNothingAndEnds_DiscoverAdvertisesNoListChanged()
    {
        await StartAsync();
        using var alice = servers.Worker.CreateClient(AliceToken);

        var response = await alice.RequestAsync(Listen, new JsonObject { ["notifications"] = new JsonObject { ["toolsListChanged"] = true } }, withTasks: true);
        var discover = (await alice.DiscoverAsync()).RequireResult();

        Assert.Equal(2, response.Messages.Count);
        Assert.Equal("notifications/subscriptions/acknowledged", response.Messages[0]["method"]?.GetValue<string>());
        Assert.Equal("{}", response.Messages[0]["params"]!["notifications"]!.ToJsonString());
        Assert.Equal("complete", response.RequireResult()["resultType"]?.GetValue<string>());
        Assert.Null(discover["capabilities"]?["tools"]?["listChanged"]);
    }

    [GeneratedRegex("""Task stream "listen-1" ended \(AllTerminal\) after (?<ms>\d+) ms: (?<tasks>\d+) tasks, (?<status>\d+) status reads, (?<full>\d+) full reads""")]
    private static partial Regex StreamEnded();

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);

    private Task StartAsync() => servers.StartAsync(azurite, settings =>
    {
        settings.WithDevTokens(new Dictionary<string, string> { [AliceToken] = "alice", [BobToken] = "bob" });
        settings["Conformance__Enabled"] = "true";
        settings["McpTasks__StreamPollInterval"] = "00:00:00.100";
        settings["McpTasks__StreamKeepAliveInterval"] = "00:00:00.500";
        settings["McpTasks__MaxWatchedTasksPerStream"] = "4";
        settings["McpTasks__MaxStreamsPerCaller"] = "2";
    });

    private static async Task<string> CallAsync(McpHttpClient client, string tool, JsonObject arguments) =>
        Callers.TaskId(await client.CallToolAsync(tool, arguments, withTasks: true));

    private static JsonObject Watching(string[] taskIds) =>
        new() { ["notifications"] = new JsonObject { ["taskIds"] = new JsonArray([.. taskIds.Select(id => (JsonNode)JsonValue.Create(id))]) } };

    private static Task<McpEventStream> ListenAsync(McpHttpClient client, string[] taskIds, JsonNode id, IReadOnlyDictionary<string, string>? headers = null) =>
        client.OpenStreamAsync(Listen, Watching(taskIds), McpHttpClient.Capabilities(withTasks: true), id, headers);

    /// <summary>The task ids an acknowledgement grants, after checking it is one, for this subscription.</summary>
    private static string[] AcknowledgedIds(JsonObject? message, JsonNode subscriptionId)
    {
        Assert.True(message is not null, "The stream ended before its acknowledgement.");
        Assert.Equal("notifications/subscriptions/acknowledged", message["method"]?.GetValue<string>());
        Assert.False(message.ContainsKey("id"));
        Assert.True(JsonNode.DeepEquals(subscriptionId, message["params"]?["_meta"]?[SubscriptionIdKey]), $"Subscription id of {message}");
        return [.. message["params"]!["notifications"]!["taskIds"]!.AsArray().Select(id => id!.GetValue<string>())];
    }

    /// <summary>The task a <c>notifications/tasks</c> carries, after checking it is one, for this subscription.</summary>
    private static JsonObject TaskNotification(JsonObject? message, JsonNode subscriptionId)
    {
        Assert.True(message is not null, "The stream ended before a task notification.");
        Assert.Equal("notifications/tasks", message["method"]?.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(subscriptionId, message["params"]?["_meta"]?[SubscriptionIdKey]), $"Subscription id of {message}");
        return message["params"]!.AsObject();
    }

    /// <summary>The statuses of a task's notifications, repeats folded: <c>"working input_required completed"</c>.</summary>
    private static string Statuses(List<JsonObject> notifications) =>
        string.Join(' ', notifications.Select(TaskAssert.Status).Aggregate(new List<string>(), (folded, s) =>
        {
            if (folded.Count == 0 || folded[^1] != s)
            {
                folded.Add(s);
            }

            return folded;
        }));

    private static string View(JsonObject task) =>
        $"{TaskAssert.Status(task)}|{TaskAssert.StatusMessage(task)}|{string.Join(',', task["inputRequests"]?.AsObject().Select(q => q.Key) ?? [])}";

    /// <summary>A tasks/get result as a notification carries it: without <c>resultType</c>, which marks a result.</summary>
    private static JsonObject AsNotified(JsonObject polled)
    {
        var task = WithoutMeta(polled);
        task.Remove("resultType");
        return task;
    }

    private static JsonObject WithoutMeta(JsonObject task)
    {
        var copy = task.DeepClone().AsObject();
        copy.Remove("_meta");
        return copy;
    }
}
