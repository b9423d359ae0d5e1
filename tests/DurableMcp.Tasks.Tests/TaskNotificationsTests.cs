using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Protocol;
using DurableMcp.Tasks.Protocol2025;
using DurableMcp.Tasks.Subscriptions;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Tests;

public sealed class TaskNotificationsTests
{
    private static readonly DateTimeOffset Created = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly DurableTasksOptions Options = new() { PollInterval = TimeSpan.FromSeconds(2) };

    [Fact]
    public void SubscriptionId_IsTheRequestIdAsSent_StringOrNumber()
    {
        Assert.Equal("\"listen-1\"", TaskNotifications.SubscriptionId(new RequestId("listen-1")).ToJsonString());
        Assert.Equal("12", TaskNotifications.SubscriptionId(new RequestId(12)).ToJsonString());
    }

    [Fact]
    public void AcknowledgedParams_GrantedIdsOrNothing_TaggedWithTheSubscription()
    {
        var granted = TaskNotifications.AcknowledgedParams(JsonValue.Create(7), ["a", "b"]);
        var none = TaskNotifications.AcknowledgedParams(JsonValue.Create(7), taskIds: null);

        Assert.Equal("""{"_meta":{"io.modelcontextprotocol/subscriptionId":7},"notifications":{"taskIds":["a","b"]}}""", granted.ToJsonString());
        Assert.Equal("""{"_meta":{"io.modelcontextprotocol/subscriptionId":7},"notifications":{}}""", none.ToJsonString());
    }

    [Fact]
    public void TaskParams_TheTaskAsTasksGetReturnsIt_ButResultType_WithTheSubscription()
    {
        var output = JsonDocument.Parse("""{"content":[{"type":"text","text":"done"}],"isError":false}""").RootElement;
        var task = new TaskRecord
        {
            TaskId = "t1",
            Tool = "tool",
            Status = TaskRunStatus.Completed,
            StatusMessage = "all done",
            CreatedAt = Created,
            LastUpdatedAt = Created.AddSeconds(3),
            ExpiresAt = Created.AddHours(1),
            Output = output,
        };
        var polled = TaskMapper.ToGetTaskResult(task, Options);

        var parameters = TaskNotifications.TaskParams(polled, JsonValue.Create("s"));

        var expected = JsonSerializer.SerializeToNode(polled, TasksJsonContext.Default.GetTaskResult)!.AsObject();
        Assert.Equal("complete", expected["resultType"]?.GetValue<string>());
        expected.Remove("resultType");
        expected["_meta"] = new JsonObject { ["io.modelcontextprotocol/subscriptionId"] = "s" };
        Assert.True(JsonNode.DeepEquals(expected, parameters), parameters.ToJsonString());
        Assert.Equal("done", parameters["result"]!["content"]![0]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Complete_IsTheFinalResultWithTheSubscription()
    {
        var result = TaskNotifications.Complete(JsonValue.Create("s"));

        var json = JsonSerializer.SerializeToNode(result, McpJsonUtilities.DefaultOptions.GetTypeInfo<EmptyResult>())!;

        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"_meta":{"io.modelcontextprotocol/subscriptionId":"s"},"resultType":"complete"}"""), json), json.ToJsonString());
    }

    [Fact]
    public void Status2025_IsTheTaskWithoutRelatedTaskMeta()
    {
        var task = new Task2025 { TaskId = "t1", Status = "working", StatusMessage = "1 / 3", CreatedAt = "c", LastUpdatedAt = "u", Ttl = null, PollInterval = 2000 };

        var message = TaskNotifications.Status2025(task);

        Assert.Equal(
            """{"jsonrpc":"2.0","method":"notifications/tasks/status","params":{"taskId":"t1","status":"working","statusMessage":"1 / 3","createdAt":"c","lastUpdatedAt":"u","ttl":null,"pollInterval":2000}}""",
            message.ToJsonString());
    }
}
