using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Engine;
using DurableMcp.Engine.Client;
using DurableMcp.Tasks.Elicitation;
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
    InputResponder responder,
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

        if (asTask)
        {
            var instance = await StartAsync(tool, request.Params!, cancellationToken);
            if (instance.Result is { } invalid)
            {
                return invalid;
            }

            TasksLog.TaskCreated(logger, tool.Name, instance.Started!.InstanceId);
            return ResultOrAlternate<CallToolResult>.FromAlternate(
                TaskMapper.ToCreateTaskResult(instance.Started, _options), TasksJsonContext.Default.CreateTaskResult);
        }

        return await RunInlineAsync(tool, request.Params!, cancellationToken);
    }

    /// <summary>
    /// A call without a task: the same durable run, awaited. When the run asks a question, the call answers with an
    /// MRTR <c>input_required</c> result whose <c>requestState</c> names the run; the client's retry carries the answers
    /// and that state, and the wait continues.
    /// </summary>
    private async ValueTask<ResultOrAlternate<CallToolResult>> RunInlineAsync(DurableTool tool, CallToolRequestParams parameters, CancellationToken cancellationToken)
    {
        string instanceId;
        if (parameters.RequestState is { } state)
        {
            var instance = await client.GetAsync(state, includeOutput: false, cancellationToken);
            if (instance is null || instance.Name != tool.Name)
            {
                throw new McpProtocolException($"requestState does not name a run of '{tool.Name}' (unknown or expired); call the tool again without it.", McpErrorCode.InvalidParams);
            }

            if (parameters.InputResponses is { Count: > 0 } responses)
            {
                await responder.AnswerAsync(instance, responses.Select(r => new KeyValuePair<string, JsonElement>(r.Key, r.Value.RawValue)), cancellationToken);
            }

            instanceId = instance.InstanceId;
        }
        else
        {
            var started = await StartAsync(tool, parameters, cancellationToken);
            if (started.Result is { } invalid)
            {
                return invalid;
            }

            instanceId = started.Started!.InstanceId;
            TasksLog.RunningInline(logger, tool.Name, instanceId);
        }

        var finished = await client.WaitForStateAsync(instanceId, i => InputRequests.Outstanding(i).Count > 0, cancellationToken)
            ?? throw new McpProtocolException($"The run of '{tool.Name}' disappeared before it finished.", McpErrorCode.InternalError);
        if (InputRequests.Outstanding(finished) is { Count: > 0 } questions)
        {
            return ResultOrAlternate<CallToolResult>.FromAlternate(
                new InputRequiredResult { InputRequests = questions, RequestState = instanceId },
                McpJsonUtilities.DefaultOptions.GetTypeInfo<InputRequiredResult>());
        }

        return finished.Status switch
        {
            OrchestrationStatus.Completed when finished.Output is { } output =>
                output.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo<CallToolResult>())!,
            OrchestrationStatus.Failed => throw ToProtocolException(TaskMapper.ToError(finished.Failure)),
            _ => throw new McpProtocolException($"The run of '{tool.Name}' ended {finished.Status}.", McpErrorCode.InternalError),
        };
    }

    /// <summary>Validates the arguments and records a new run; either the run or the tool error to answer with.</summary>
    private async Task<(OrchestrationInstance? Started, CallToolResult? Result)> StartAsync(DurableTool tool, CallToolRequestParams parameters, CancellationToken cancellationToken)
    {
        var arguments = parameters.Arguments;
        if (tool.ValidateArguments(arguments, McpJsonUtilities.DefaultOptions) is { } invalid)
        {
            return (null, invalid);
        }

        var input = JsonSerializer.SerializeToElement(arguments ?? new Dictionary<string, JsonElement>(), McpJsonUtilities.DefaultOptions.GetTypeInfo<IDictionary<string, JsonElement>>());
        return (await client.StartAsync(tool.Name, input, new StartOrchestrationOptions { TimeToLive = _options.DefaultTtl }, cancellationToken), null);
    }

    private static McpProtocolException ToProtocolException(TaskError error) => new(error.Message, (McpErrorCode)error.Code);
}
