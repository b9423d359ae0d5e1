using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Elicitation;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Logging;
using DurableMcp.Tasks.Protocol2025;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Protocol;

/// <summary>
/// Answers <c>tasks/get</c>, <c>tasks/update</c> and <c>tasks/cancel</c> (and, for 2025-11-25 clients, <c>tasks/list</c>;
/// each in the shapes of the request's revision) from the orchestration store, so any server
/// instance can answer for any task. Unknown, expired, malformed ids and tasks of another caller all get the same -32602.
/// </summary>
internal sealed partial class TaskRequestHandlers(
    TaskStore store,
    InputResponder responder,
    InitializeRevisionPollThrottle throttle2025,
    IOptions<DurableTasksOptions> options,
    ILogger<TaskRequestHandlers> logger)
{
    private readonly DurableTasksOptions _options = options.Value;

    public async ValueTask<JsonNode?> GetAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        RequireTasksExtension(request);
        var taskId = ReadTaskId(request);
        if (Tasks2025Protocol.IsInitializeRevision(request))
        {
            throttle2025.ThrowIfTooFast(CallerOwner.From(request.Context?.User), taskId);
        }

        var (instance, caller) = await FindAsync(request, taskId, cancellationToken);
        if (instance.Status.IsTerminal())
        {
            TasksLog.TaskRetrieved(logger, instance.TaskId, instance.Status, caller);
        }
        else
        {
            TasksLog.TaskPolled(logger, instance.TaskId, instance.Status, caller);
        }

        return Tasks2025Protocol.IsInitializeRevision(request)
            ? JsonSerializer.SerializeToNode(TaskMapper2025.ToTask(instance, _options), Tasks2025JsonContext.Default.Task2025)
            : JsonSerializer.SerializeToNode(TaskMapper.ToGetTaskResult(instance, _options), TasksJsonContext.Default.GetTaskResult);
    }

    public async ValueTask<JsonNode?> CancelAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        RequireTasksExtension(request);
        var revision2025 = Tasks2025Protocol.IsInitializeRevision(request);
        var (found, caller) = await FindAsync(request, ReadTaskId(request), cancellationToken);
        if (revision2025 && found.Status.IsTerminal())
        {
            throw AlreadyTerminal(found);
        }

        var instance = await store.CancelAsync(found.TaskId, cancellationToken) ?? throw UnknownTask(found.TaskId);
        // Terminated, or (under heavy load) not yet recorded as such: Durable Functions ends a terminated run cancelled.
        var cancelledNow = !found.Status.IsTerminal() && (instance.Status == TaskRunStatus.Cancelled || !instance.Status.IsTerminal());
        if (cancelledNow)
        {
            TasksLog.TaskCancelled(logger, instance.TaskId, caller);
        }

        if (!revision2025)
        {
            return JsonSerializer.SerializeToNode(new CompleteResult(), TasksJsonContext.Default.CompleteResult);
        }

        // 2025-11-25 answers with the task, already cancelled; one that ended on its own just before is refused.
        return cancelledNow
            ? JsonSerializer.SerializeToNode(TaskMapper2025.ToTask(instance with { Status = TaskRunStatus.Cancelled }, _options, isErrorResult: false), Tasks2025JsonContext.Default.Task2025)
            : throw AlreadyTerminal(instance);
    }

    /// <summary>Answers outstanding questions; acknowledged once the run has taken them (see <see cref="InputResponder.WaitUntilTakenAsync"/>).</summary>
    public async ValueTask<JsonNode?> UpdateAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        RequireTasksExtension(request);
        var parameters = ReadParams(request, TasksJsonContext.Default.UpdateTaskParams);
        var (instance, caller) = await FindAsync(request, RequireTaskId(request, parameters?.TaskId), cancellationToken);
        if (parameters?.InputResponses is { Count: > 0 } responses)
        {
            var answered = await responder.AnswerAsync(instance, responses, cancellationToken);
            TasksLog.TaskAnswered(logger, instance.TaskId, responses.Count, caller);
            await responder.WaitUntilTakenAsync(instance.TaskId, answered, cancellationToken);
        }

        return JsonSerializer.SerializeToNode(new CompleteResult(), TasksJsonContext.Default.CompleteResult);
    }

    /// <summary>The task, if it exists and belongs to the caller; otherwise the same error as for an unknown id.</summary>
    private Task<(TaskRecord Instance, string? Caller)> FindAsync(JsonRpcRequest request, string taskId, CancellationToken cancellationToken) =>
        FindAsync(request.Context?.User, taskId, cancellationToken);

    /// <summary>The task, if it exists and belongs to <paramref name="user"/>; otherwise the same error as for an unknown id.</summary>
    public async Task<(TaskRecord Instance, string? Caller)> FindAsync(ClaimsPrincipal? user, string taskId, CancellationToken cancellationToken)
    {
        var caller = CallerOwner.From(user);
        if (caller is not null && !TaskIds.CanBelongTo(taskId, caller))
        {
            throw UnknownTask(taskId); // someone else's id (or garbage): not even read
        }

        var instance = await store.GetAsync(taskId, cancellationToken);
        return instance is not null && CallerOwner.Owns(caller, instance.Owner) ? (instance, caller) : throw UnknownTask(taskId);
    }

    /// <summary>
    /// tasks/* belong to the extension: a 2026-07-28 client that did not declare it on this request gets -32021, before
    /// the task id is even read (so the answer says nothing about whether the task exists).
    /// </summary>
    private static void RequireTasksExtension(JsonRpcRequest request) => RequestCapabilities.RequireTasksExtension(
        request, $"{request.Method} belongs to the '{TasksProtocol.ExtensionId}' extension: declare it in this request's client capabilities.");

    private static string ReadTaskId(JsonRpcRequest request) =>
        RequireTaskId(request, ReadParams(request, TasksJsonContext.Default.TaskIdParams)?.TaskId);

    private static T? ReadParams<T>(JsonRpcRequest request, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> typeInfo)
    {
        try
        {
            return request.Params is null ? default : request.Params.Deserialize(typeInfo);
        }
        catch (JsonException e)
        {
            // Not e.Message: it names .NET types, which say nothing to a caller of the protocol.
            var field = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "params" : "params" + e.Path.TrimStart('$');
            throw new McpProtocolException($"Invalid params for {request.Method}: {field} does not have the type the method takes.", McpErrorCode.InvalidParams);
        }
    }

    private static string RequireTaskId(JsonRpcRequest request, string? taskId) =>
        taskId is { Length: > 0 } ? taskId : throw new McpProtocolException($"{request.Method} requires params.taskId (a string).", McpErrorCode.InvalidParams);

    private static McpProtocolException AlreadyTerminal(TaskRecord instance) =>
        new($"Cannot cancel task '{instance.TaskId}': it is already {TaskStatusNames.From(instance.Status)}.", McpErrorCode.InvalidParams);

    public static McpProtocolException UnknownTask(string taskId) =>
        new($"Unknown task '{(taskId.Length <= 64 ? taskId : taskId[..64] + "…")}': it does not exist or has expired.", McpErrorCode.InvalidParams);
}
