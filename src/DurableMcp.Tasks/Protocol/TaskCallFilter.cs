using System.Text.Json;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Elicitation;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Logging;
using DurableMcp.Tasks.Protocol2025;
using DurableMcp.Tasks.Sources;
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
/// waits for its result (or refuses a task-only tool with -32021). A 2025-11-25 request (initialize-based client) asks
/// for a task with <c>params.task</c> instead and gets that revision's shapes. Other tools pass through untouched,
/// except that a 2025 client may not ask them for a task.
/// </summary>
internal sealed partial class TaskCallFilter(
    DurableToolCatalog catalog,
    TaskStore store,
    InputResponder responder,
    TaskSourceValidator sources,
    IOptions<DurableTasksOptions> options,
    IServiceProvider services,
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
            if (Tasks2025Protocol.IsInitializeRevision(request.JsonRpcRequest) && TaskMetadataReader.Read(request.JsonRpcRequest.Params) is not null)
            {
                throw new McpProtocolException($"The tool '{request.Params?.Name}' does not run as a task (execution.taskSupport 'forbidden'): call it without params.task.", McpErrorCode.MethodNotFound);
            }

            return await next(request, cancellationToken);
        }

        if (Tasks2025Protocol.IsInitializeRevision(request.JsonRpcRequest))
        {
            return await InvokeInitializeRevisionAsync(tool, request, cancellationToken);
        }

        var asTask = tool.TaskSupport != TaskSupport.Forbidden && RequestCapabilities.SupportsTasks(request.JsonRpcRequest);
        if (tool.TaskSupport == TaskSupport.Required && !asTask)
        {
            throw RequestCapabilities.TasksExtensionMissing(
                $"The tool '{tool.Name}' runs only as a task: declare the '{TasksProtocol.ExtensionId}' extension in this request's client capabilities.");
        }

        var caller = CallerOwner.From(request.JsonRpcRequest.Context?.User);
        if (asTask && tool.AsksBeforeTask && RequestCapabilities.SupportsFormElicitation(request.JsonRpcRequest))
        {
            return await AskThenStartTaskAsync(tool, request.Params!, caller, cancellationToken);
        }

        if (asTask)
        {
            var instance = await StartAsync(tool, request.Params!, caller, TasksProtocol.July2026Version, inline: false, cancellationToken);
            if (instance.Result is { } invalid)
            {
                return invalid;
            }

            TasksLog.TaskCreated(logger, tool.Name, instance.Started!.TaskId, caller);
            return ResultOrAlternate<CallToolResult>.FromAlternate(
                TaskMapper.ToCreateTaskResult(instance.Started, _options), TasksJsonContext.Default.CreateTaskResult);
        }

        return await RunInlineAsync(tool, request.Params!, caller, TasksProtocol.July2026Version, cancellationToken, RequestCapabilities.SupportsFormElicitation(request.JsonRpcRequest));
    }

    /// <summary>
    /// A 2025-11-25 call: a task when the client put <c>params.task</c> on it (its <c>ttl</c> clamped to the maximum),
    /// answered with the nested <c>{task}</c>; a task-only tool called without it, or a task asked of a tool that
    /// never runs as one, gets -32601 as that revision prescribes.
    /// </summary>
    private async ValueTask<ResultOrAlternate<CallToolResult>> InvokeInitializeRevisionAsync(
        DurableTool tool, RequestContext<CallToolRequestParams> request, CancellationToken cancellationToken)
    {
        var metadata = TaskMetadataReader.Read(request.JsonRpcRequest.Params);
        if (metadata is null && tool.TaskSupport == TaskSupport.Required)
        {
            throw new McpProtocolException($"The tool '{tool.Name}' runs only as a task (execution.taskSupport 'required'): call it with params.task.", McpErrorCode.MethodNotFound);
        }

        if (metadata is not null && tool.TaskSupport == TaskSupport.Forbidden)
        {
            throw new McpProtocolException($"The tool '{tool.Name}' does not run as a task (execution.taskSupport 'forbidden'): call it without params.task.", McpErrorCode.MethodNotFound);
        }

        var caller = CallerOwner.From(request.JsonRpcRequest.Context?.User);
        if (metadata is null)
        {
            return await RunInlineAsync(tool, request.Params!, caller, Tasks2025Protocol.Version, cancellationToken);
        }

        // Clamped here too (not only in StartAsync): a huge ttl must not overflow TimeSpan; a tiny one still leaves a second to read it.
        var ttl = metadata.Ttl is { } ms ? TimeSpan.FromMilliseconds(Math.Clamp(ms, 1000, (long)_options.MaxTtl.TotalMilliseconds)) : (TimeSpan?)null;
        var started = await StartAsync(tool, request.Params!, caller, Tasks2025Protocol.Version, inline: false, cancellationToken, ttl);
        if (started.Result is { } invalid)
        {
            return invalid;
        }

        TasksLog.TaskCreated(logger, tool.Name, started.Started!.TaskId, caller);
        return ResultOrAlternate<CallToolResult>.FromAlternate(
            new CreateTaskResult2025 { Task = TaskMapper2025.ToTask(started.Started, _options, isErrorResult: false) },
            Tasks2025JsonContext.Default.CreateTaskResult2025);
    }

    /// <summary>
    /// A call without a task: the same durable run, awaited. When the run asks a question, the call answers with an
    /// MRTR <c>input_required</c> result whose <c>requestState</c> names the run; the client's retry carries the answers
    /// and that state, and the wait continues.
    /// </summary>
    private async ValueTask<ResultOrAlternate<CallToolResult>> RunInlineAsync(
        DurableTool tool, CallToolRequestParams parameters, string? caller, string revision, CancellationToken cancellationToken, bool canAsk = false)
    {
        string instanceId;
        IReadOnlySet<string> answered = new HashSet<string>();
        if (parameters.RequestState is { } state)
        {
            (var instance, answered) = await ResumeAsync(tool, parameters, state, caller, cancellationToken);
            instanceId = instance.TaskId;
        }
        else
        {
            var started = await StartAsync(tool, parameters, caller, revision, inline: true, cancellationToken);
            if (started.Result is { } invalid)
            {
                return invalid;
            }

            instanceId = started.Started!.TaskId;
            TasksLog.RunningInline(logger, tool.Name, instanceId, caller);
        }

        // Questions just answered stay published until the orchestration takes the answers: they are not asked again.
        var finished = await store.WaitAsync(instanceId, t => t.IsWaitingForInput && !t.InputRequests.Keys.Any(answered.Contains), cancellationToken)
            ?? throw new McpProtocolException($"The run of '{tool.Name}' disappeared before it finished.", McpErrorCode.InternalError);
        if (finished.InputRequests is { Count: > 0 } questions)
        {
            if (revision == TasksProtocol.July2026Version && !canAsk)
            {
                // Only a client that declared form elicitation on this request may be sent the question.
                await store.CancelAsync(instanceId, cancellationToken);
                throw new MissingRequiredClientCapabilityException(
                    new ClientCapabilities { Elicitation = new ElicitationCapability { Form = new FormElicitationCapability() } },
                    $"'{tool.Name}' needs an answer from the user: declare form elicitation in this request's client capabilities, or call it as a task.");
            }

            if (revision != TasksProtocol.July2026Version)
            {
                // 2025-11-25 has no MRTR: a question can only reach the user through a task's tasks/result stream.
                await store.CancelAsync(instanceId, cancellationToken);
                throw new McpProtocolException(
                    $"'{tool.Name}' needs an answer from the user, which this protocol revision can only ask within a task: call it again with params.task.",
                    McpErrorCode.InvalidRequest);
            }

            return ResultOrAlternate<CallToolResult>.FromAlternate(
                new InputRequiredResult { InputRequests = questions.ToDictionary(), RequestState = instanceId },
                McpJsonUtilities.DefaultOptions.GetTypeInfo<InputRequiredResult>());
        }

        return finished.Status switch
        {
            TaskRunStatus.Completed when finished.Output is { } output =>
                output.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo<CallToolResult>())!,
            TaskRunStatus.Failed => throw ToProtocolException(TaskMapper.ToError(finished.Failure)),
            _ => throw new McpProtocolException($"The run of '{tool.Name}' ended {finished.Status}.", McpErrorCode.InternalError),
        };
    }

    /// <summary>
    /// The run an MRTR retry names in its <c>requestState</c>, after its answers were raised; and the keys answered.
    /// Refused when the state names no run of this tool owned by the caller, or a run of other arguments.
    /// </summary>
    private async Task<(TaskRecord Instance, IReadOnlySet<string> Answered)> ResumeAsync(
        DurableTool tool, CallToolRequestParams parameters, string state, string? caller, CancellationToken cancellationToken)
    {
        var instance = caller is null || TaskIds.CanBelongTo(state, caller) ? await store.GetAsync(state, cancellationToken) : null;
        if (instance is null || instance.Tool != tool.Name || !CallerOwner.Owns(caller, instance.Owner))
        {
            throw new McpProtocolException($"requestState does not name a run of '{tool.Name}' (unknown or expired); call the tool again without it.", McpErrorCode.InvalidParams);
        }

        // A retry is the same call: its answers must not be taken as answers to a call with other arguments.
        if (instance.Input is not { } started || !JsonElement.DeepEquals(started, ArgumentsOf(parameters)))
        {
            throw new McpProtocolException(
                $"requestState belongs to a call of '{tool.Name}' with other arguments; retry that same call, or call again without requestState.",
                McpErrorCode.InvalidParams);
        }

        IReadOnlySet<string> answered = new HashSet<string>();
        if (parameters.InputResponses is { Count: > 0 } responses)
        {
            answered = await responder.AnswerAsync(instance, responses.Select(r => new KeyValuePair<string, JsonElement>(r.Key, r.Value.RawValue)), cancellationToken);
        }

        return (instance, answered);
    }

    /// <summary>
    /// Checks the caller's limits and the arguments (their shape, then the earlier tasks they name), then records a new run
    /// owned by the caller; either the run or the tool error to answer with. <paramref name="requestedTtl"/> is clamped to
    /// the configured maximum.
    /// </summary>
    private async Task<(TaskRecord? Started, CallToolResult? Result)> StartAsync(
        DurableTool tool, CallToolRequestParams parameters, string? caller, string revision, bool inline, CancellationToken cancellationToken, TimeSpan? requestedTtl = null)
    {
        var arguments = parameters.Arguments;
        var input = ArgumentsOf(parameters);
        var size = input.GetRawText().Length;
        if (size > _options.MaxArgumentBytes)
        {
            throw new McpProtocolException(
                $"The arguments of '{tool.Name}' are {size:N0} bytes; the limit is {_options.MaxArgumentBytes:N0}. Pass large inputs by reference (for example a blob name).",
                McpErrorCode.InvalidParams);
        }

        if (tool.ValidateArguments(arguments, McpJsonUtilities.DefaultOptions, services) is { } invalid)
        {
            return (null, invalid);
        }

        // Earlier tasks the tool reads are checked only once the arguments' shape is right: it costs a read per task.
        if (await sources.ValidateAsync(tool, arguments, caller, cancellationToken) is { } unusable)
        {
            return (null, unusable);
        }

        var ttl = requestedTtl is { } requested ? TimeSpan.FromTicks(Math.Min(requested.Ticks, _options.MaxTtl.Ticks)) : _options.DefaultTtl;
        try
        {
            // An anonymous caller has no count of its own; with identity on, no acknowledged task exceeds the limit.
            var started = await store.StartAsync(tool.Name, input, caller, revision, inline, ttl, _options.MaxUnfinishedTasksPerCaller, cancellationToken);
            return (started, null);
        }
        catch (TooManyTasksException refused)
        {
            TasksLog.TooManyTasks(logger, refused.Owner, refused.Unfinished);
            throw new McpProtocolException(
                $"You have {refused.Unfinished} unfinished tasks, the most one caller may have at once. Wait for some to finish, or cancel them, then call again.",
                TooManyTasks);
        }
    }

    /// <summary>A call's arguments as a run's input (an empty object when there are none).</summary>
    private static JsonElement ArgumentsOf(CallToolRequestParams parameters) => JsonSerializer.SerializeToElement(
        parameters.Arguments ?? new Dictionary<string, JsonElement>(), McpJsonUtilities.DefaultOptions.GetTypeInfo<IDictionary<string, JsonElement>>());

    private const McpErrorCode TooManyTasks = (McpErrorCode)ServerErrorCodes.TooManyTasks;

    private static McpProtocolException ToProtocolException(TaskError error) => new(error.Message, (McpErrorCode)error.Code);
}
