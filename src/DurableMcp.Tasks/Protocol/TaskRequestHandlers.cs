using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Engine.Client;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Logging;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Protocol;

/// <summary>
/// Answers <c>tasks/get</c> and <c>tasks/cancel</c> from the orchestration store, so any server instance can answer
/// for any task. Unknown, expired and malformed ids all get the same -32602.
/// </summary>
internal sealed class TaskRequestHandlers(DurableClient client, IOptions<DurableTasksOptions> options, ILogger<TaskRequestHandlers> logger)
{
    private readonly DurableTasksOptions _options = options.Value;

    public async ValueTask<JsonNode?> GetAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        var taskId = ReadTaskId(request);
        var instance = await client.GetAsync(taskId, includeOutput: true, cancellationToken) ?? throw UnknownTask(taskId);
        return JsonSerializer.SerializeToNode(TaskMapper.ToGetTaskResult(instance, _options), TasksJsonContext.Default.GetTaskResult);
    }

    public async ValueTask<JsonNode?> CancelAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        var taskId = ReadTaskId(request);
        _ = await client.RequestCancellationAsync(taskId, cancellationToken) ?? throw UnknownTask(taskId);
        TasksLog.TaskCancelled(logger, taskId);
        return JsonSerializer.SerializeToNode(new CompleteResult(), TasksJsonContext.Default.CompleteResult);
    }

    private static string ReadTaskId(JsonRpcRequest request)
    {
        TaskIdParams? parameters;
        try
        {
            parameters = request.Params?.Deserialize(TasksJsonContext.Default.TaskIdParams);
        }
        catch (JsonException e)
        {
            throw new McpProtocolException($"Invalid params for {request.Method}: {e.Message}", McpErrorCode.InvalidParams);
        }

        return parameters?.TaskId is { Length: > 0 } taskId
            ? taskId
            : throw new McpProtocolException($"{request.Method} requires params.taskId (a string).", McpErrorCode.InvalidParams);
    }

    private static McpProtocolException UnknownTask(string taskId) =>
        new($"Unknown task '{(taskId.Length <= 64 ? taskId : taskId[..64] + "…")}': it does not exist or has expired.", McpErrorCode.InvalidParams);
}
