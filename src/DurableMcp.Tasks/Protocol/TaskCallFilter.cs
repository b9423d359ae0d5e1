using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Engine;
using DurableMcp.Engine.Client;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Logging;
using DurableMcp.Tasks.Tools;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tasks.Protocol;

/// <summary>
/// Intercepts <c>tools/call</c> for durable tools. With a client that supports tasks on this request, it records the
/// instance durably and answers with a <see cref="CreateTaskResult"/>; otherwise it runs the same durable instance and
/// waits for its result (or refuses a task-only tool with -32021). Other tools pass through untouched.
/// </summary>
internal sealed class TaskCallFilter(
    DurableToolCatalog catalog,
    DurableClient client,
    IOptions<DurableTasksOptions> options,
    ILogger<TaskCallFilter> logger)
{
    private readonly DurableTasksOptions _options = options.Value;

    public async ValueTask<ResultOrAlternate<CallToolResult>> InvokeAsync(
        RequestContext<CallToolRequestParams> request,
        McpRequestHandler<CallToolRequestParams, ResultOrAlternate<CallToolResult>> next,
        CancellationToken cancellationToken)
    {
        if (!catalog.TryGet(request.Params?.Name, out var tool))
        {
            return await next(request, cancellationToken);
        }

        var asTask = tool.TaskSupport != TaskSupport.Forbidden && RequestCapabilities.SupportsTasks(request.JsonRpcRequest);
        if (tool.TaskSupport == TaskSupport.Required && !asTask)
        {
            throw new MissingRequiredClientCapabilityException(
                new ClientCapabilities { Extensions = new Dictionary<string, object> { [TasksProtocol.ExtensionId] = new JsonObject() } },
                $"The tool '{tool.Name}' runs only as a task: declare the '{TasksProtocol.ExtensionId}' extension in this request's client capabilities.");
        }

        var arguments = request.Params!.Arguments;
        if (tool.ValidateArguments(arguments, McpJsonUtilities.DefaultOptions) is { } invalid)
        {
            return invalid;
        }

        var input = JsonSerializer.SerializeToElement(arguments ?? new Dictionary<string, JsonElement>(), McpJsonUtilities.DefaultOptions.GetTypeInfo<IDictionary<string, JsonElement>>());
        var instance = await client.StartAsync(tool.Name, input, new StartOrchestrationOptions { TimeToLive = _options.DefaultTtl }, cancellationToken);
        if (asTask)
        {
            TasksLog.TaskCreated(logger, tool.Name, instance.InstanceId);
            return ResultOrAlternate<CallToolResult>.FromAlternate(
                TaskMapper.ToCreateTaskResult(instance, _options), TasksJsonContext.Default.CreateTaskResult);
        }

        TasksLog.RunningInline(logger, tool.Name, instance.InstanceId);
        var finished = await client.WaitForCompletionAsync(instance.InstanceId, cancellationToken)
            ?? throw new McpProtocolException($"The run of '{tool.Name}' disappeared before it finished.", McpErrorCode.InternalError);
        return finished.Status switch
        {
            OrchestrationStatus.Completed when finished.Output is { } output =>
                output.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo<CallToolResult>())!,
            OrchestrationStatus.Failed => throw ToProtocolException(TaskMapper.ToError(finished.Failure)),
            _ => throw new McpProtocolException($"The run of '{tool.Name}' ended {finished.Status}.", McpErrorCode.InternalError),
        };
    }

    private static McpProtocolException ToProtocolException(TaskError error) => new(error.Message, (McpErrorCode)error.Code);
}
