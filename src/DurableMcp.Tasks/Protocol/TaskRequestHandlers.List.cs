using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Protocol2025;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Protocol;

internal sealed partial class TaskRequestHandlers
{
    /// <summary>
    /// <c>tasks/list</c> (2025-11-25 only): one page of the caller's own tasks, in the store's order.
    /// Served only when tasks are bound to an identity; without one (anonymous callers), and in 2026-07-28 where the method
    /// does not exist, it answers -32601 exactly as an unknown method. A cursor that this server did not issue to this
    /// caller is -32602.
    /// </summary>
    public async ValueTask<JsonNode?> ListAsync(JsonRpcRequest request, CancellationToken cancellationToken)
    {
        var caller = CallerOwner.From(request.Context?.User);
        if (!Tasks2025Protocol.IsInitializeRevision(request) || caller is null)
        {
            throw new McpProtocolException($"Method '{request.Method}' is not available.", McpErrorCode.MethodNotFound);
        }

        var cursor = ReadParams(request, Tasks2025JsonContext.Default.ListTasksParams2025)?.Cursor;
        string? token = null;
        if (cursor is not null && !TaskListCursor.TryDecode(caller, cursor, out token))
        {
            throw new McpProtocolException("Invalid tasks/list cursor: pass a nextCursor from an earlier tasks/list, unchanged.", McpErrorCode.InvalidParams);
        }

        var (page, next) = await store.ListAsync(caller, _options.ListPageSize, token, cancellationToken);
        var tasks = page.Select(t => TaskMapper2025.ToTask(t, _options)).ToList();

        var result = new ListTasksResult2025 { Tasks = tasks, NextCursor = next is null ? null : TaskListCursor.Encode(caller, next) };
        return JsonSerializer.SerializeToNode(result, Tasks2025JsonContext.Default.ListTasksResult2025);
    }
}
