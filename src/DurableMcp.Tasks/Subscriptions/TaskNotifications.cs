using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Protocol;
using DurableMcp.Tasks.Protocol2025;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Subscriptions;

/// <summary>The messages of task streams, in both revisions: the listen's acknowledgement, its task notifications and final result, and the 2025 status notification.</summary>
internal static class TaskNotifications
{
    public const string Acknowledged = "notifications/subscriptions/acknowledged";

    /// <summary>2026-07-28 (Tasks extension): a watched task changed.</summary>
    public const string TaskStatus = "notifications/tasks";

    /// <summary>2025-11-25: a task's status changed.</summary>
    public const string TaskStatus2025 = "notifications/tasks/status";

    public const string SubscriptionIdMetaKey = "io.modelcontextprotocol/subscriptionId";

    /// <summary>The subscription id: the listen request's JSON-RPC id, as it was sent (a string or a number).</summary>
    public static JsonNode SubscriptionId(RequestId requestId) =>
        JsonSerializer.SerializeToNode(requestId, McpJsonUtilities.DefaultOptions.GetTypeInfo<RequestId>())!;

    /// <summary><c>{"io.modelcontextprotocol/subscriptionId": id}</c>, the <c>_meta</c> of everything on a listen stream.</summary>
    public static JsonObject Meta(JsonNode subscriptionId) => new() { [SubscriptionIdMetaKey] = subscriptionId.DeepClone() };

    /// <summary>
    /// The acknowledgement's params: the task ids the server agreed to watch (when the listen asked for task
    /// notifications at all), and nothing else, since a stateless server delivers no other kind.
    /// </summary>
    public static JsonObject AcknowledgedParams(JsonNode subscriptionId, IEnumerable<string>? taskIds)
    {
        var notifications = new JsonObject();
        if (taskIds is not null)
        {
            notifications["taskIds"] = new JsonArray(taskIds.Select(id => (JsonNode)JsonValue.Create(id)).ToArray());
        }

        return new JsonObject { ["_meta"] = Meta(subscriptionId), ["notifications"] = notifications };
    }

    /// <summary>
    /// A <c>notifications/tasks</c> params: the task exactly as <c>tasks/get</c> returns it (result, error or questions
    /// inlined) but for <c>resultType</c>, which marks a result and not a notification, plus the subscription id.
    /// </summary>
    public static JsonObject TaskParams(GetTaskResult task, JsonNode subscriptionId)
    {
        ArgumentNullException.ThrowIfNull(task);
        var parameters = JsonSerializer.SerializeToNode(task, TasksJsonContext.Default.GetTaskResult)!.AsObject();
        parameters.Remove("resultType");
        parameters["_meta"] = Meta(subscriptionId);
        return parameters;
    }

    /// <summary>The final result of a listen the server ended: <c>{resultType: "complete", _meta: {subscriptionId}}</c>.</summary>
    public static EmptyResult Complete(JsonNode subscriptionId) => new() { ResultType = "complete", Meta = Meta(subscriptionId) };

    /// <summary>A 2025-11-25 <c>notifications/tasks/status</c> message: the Task, no related-task <c>_meta</c> (the spec asks for none).</summary>
    public static JsonObject Status2025(Task2025 task) => new()
    {
        ["jsonrpc"] = "2.0",
        ["method"] = TaskStatus2025,
        ["params"] = JsonSerializer.SerializeToNode(task, Tasks2025JsonContext.Default.Task2025),
    };
}
