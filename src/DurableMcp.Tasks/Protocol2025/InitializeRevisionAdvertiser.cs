using DurableMcp.Tasks.Durable;
using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Tools;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>
/// Adds what the 2025-11-25 revision advertises and the SDK's 2.x types no longer carry: <c>capabilities.tasks</c> in the
/// <c>initialize</c> result (<c>list</c> only when the caller is authenticated, so tasks are bound to it), and
/// <c>execution.taskSupport</c> on every tool of <c>tools/list</c> (from the same per-tool setting that drives the
/// 2026-07-28 behaviour). An incoming filter notes which 2025 requests to amend; an outgoing filter amends their
/// responses. 2026-07-28 requests are left alone.
/// </summary>
internal sealed class InitializeRevisionAdvertiser(DurableToolCatalog catalog)
{
    // Keyed by the transport of the POST that carried the request: its response goes back over the same one.
    private readonly ConditionalWeakTable<ITransport, ConcurrentDictionary<RequestId, Amendment>> _pending = [];

    private enum Amendment
    {
        Capabilities,
        CapabilitiesWithList,
        ToolExecution,
    }

    public McpMessageHandler Incoming(McpMessageHandler next) => (context, cancellationToken) =>
    {
        if (context.JsonRpcMessage is JsonRpcRequest { Method: Tasks2025Protocol.Initialize or Tasks2025Protocol.ToolsList } request &&
            Tasks2025Protocol.IsInitializeRevision(request) && request.Context?.RelatedTransport is { } transport)
        {
            var amendment = request.Method == Tasks2025Protocol.ToolsList ? Amendment.ToolExecution
                : CallerOwner.From(request.Context?.User) is null ? Amendment.Capabilities
                : Amendment.CapabilitiesWithList;
            _pending.GetOrCreateValue(transport)[request.Id] = amendment;
        }

        return next(context, cancellationToken);
    };

    public McpMessageHandler Outgoing(McpMessageHandler next) => (context, cancellationToken) =>
    {
        var pending = context.JsonRpcMessage.Context?.RelatedTransport is { } transport && _pending.TryGetValue(transport, out var forTransport) ? forTransport : null;
        if (context.JsonRpcMessage is JsonRpcResponse { Result: JsonObject result } response &&
            pending is not null && pending.TryRemove(response.Id, out var amendment))
        {
            if (amendment == Amendment.ToolExecution)
            {
                AddToolExecution(result);
            }
            else
            {
                AddTasksCapability(result, amendment == Amendment.CapabilitiesWithList);
            }
        }
        else if (context.JsonRpcMessage is JsonRpcError error)
        {
            pending?.TryRemove(error.Id, out _);
        }

        return next(context, cancellationToken);
    };

    /// <summary><c>capabilities.tasks</c> of the 2025-11-25 <c>initialize</c> result.</summary>
    public static void AddTasksCapability(JsonObject initializeResult, bool list)
    {
        if (initializeResult["capabilities"] is not JsonObject capabilities)
        {
            initializeResult["capabilities"] = capabilities = [];
        }

        var tasks = new JsonObject { ["cancel"] = new JsonObject(), ["requests"] = new JsonObject { ["tools"] = new JsonObject { ["call"] = new JsonObject() } } };
        if (list)
        {
            tasks["list"] = new JsonObject();
        }

        capabilities["tasks"] = tasks;
    }

    /// <summary><c>execution.taskSupport</c> on each tool of a <c>tools/list</c> result.</summary>
    public void AddToolExecution(JsonObject listResult)
    {
        if (listResult["tools"] is not JsonArray tools)
        {
            return;
        }

        foreach (var tool in tools.OfType<JsonObject>())
        {
            var support = catalog.TryGet(tool["name"]?.GetValue<string>(), out var durable) ? durable.TaskSupport : TaskSupport.Forbidden;
            if (tool["execution"] is not JsonObject execution)
            {
                tool["execution"] = execution = [];
            }

            execution["taskSupport"] = support switch
            {
                TaskSupport.Required => "required",
                TaskSupport.Optional => "optional",
                _ => "forbidden",
            };
        }
    }
}
