using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Logging;
using DurableMcp.Tasks.Protocol;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tasks.Subscriptions;

/// <summary>
/// <c>subscriptions/listen</c> with <c>params.notifications.taskIds</c> (2026-07-28, Tasks extension "Task Status
/// Notifications"), replacing the SDK's built-in handler (which, stateless, acknowledges nothing). On the listen's own
/// response stream: the acknowledgement naming the ids granted (the caller's own, existing, unexpired tasks; others are
/// left out without a word), each granted task's state as <c>tasks/get</c> would return it, then that state again on
/// every change, observed from Durable Functions by one <see cref="TaskWatch"/>; and the final
/// <c>{resultType: "complete"}</c> once every watched task is terminal, at <c>McpTasks:MaxStreamDuration</c>, or when the
/// host shuts down. A listen without task ids is acknowledged with nothing and ends at once, as the SDK's would.
/// </summary>
internal sealed class TaskSubscriptionHandler(
    TaskStore store,
    TaskStreamLimiter limiter,
    IHostApplicationLifetime lifetime,
    IOptions<DurableTasksOptions> options,
    TimeProvider time,
    ILogger<TaskSubscriptionHandler> logger)
{
    /// <summary>JSON-RPC error (server-defined range): the caller holds the most open streams it may on this instance.</summary>
    public const int TooManyStreams = -32006;

    private readonly DurableTasksOptions _options = options.Value;

    public async ValueTask<EmptyResult> ListenAsync(RequestContext<SubscriptionsListenRequestParams> request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var rpc = request.JsonRpcRequest;
        var subscriptionId = TaskNotifications.SubscriptionId(rpc.Id);
        if (!ListenRequest.AsksForTasks(rpc.Params))
        {
            await SendAsync(request, TaskNotifications.Acknowledged, TaskNotifications.AcknowledgedParams(subscriptionId, taskIds: null), cancellationToken);
            return TaskNotifications.Complete(subscriptionId);
        }

        // Before the ids are even looked at, as for tasks/*.
        RequestCapabilities.RequireTasksExtension(
            rpc, $"Task notifications on subscriptions/listen belong to the '{TasksProtocol.ExtensionId}' extension: declare it in this request's client capabilities.");
        var requested = ListenRequest.ReadTaskIds(rpc.Params)!;
        if (requested.Count > _options.MaxWatchedTasksPerStream)
        {
            throw new McpProtocolException(
                $"subscriptions/listen watches at most {_options.MaxWatchedTasksPerStream} task ids per stream; {requested.Count} were asked for. Spread them over several listens.",
                McpErrorCode.InvalidParams);
        }

        var caller = CallerOwner.From(rpc.Context?.User);
        using var lease = limiter.TryAcquire(caller, _options.MaxStreamsPerCaller) ?? throw TooManyOpenStreams(caller);
        var deadline = time.GetUtcNow() + _options.MaxStreamDuration;
        var granted = await GrantAsync(caller, requested, cancellationToken);
        await SendAsync(request, TaskNotifications.Acknowledged, TaskNotifications.AcknowledgedParams(subscriptionId, granted.Select(t => t.TaskId)), cancellationToken);
        TasksLog.TaskStreamOpened(logger, subscriptionId.ToJsonString(), granted.Count, requested.Count, caller);

        // Each granted task's state at the start, so the client needs no tasks/get to close the gap before the listen.
        var watch = new TaskWatch(store, time);
        foreach (var task in granted)
        {
            await NotifyAsync(request, task, subscriptionId, cancellationToken);
            watch.Add(task);
        }

        var http = StreamHttpContext.Value;
        var stream = new TaskStatusStream(watch, _options.StreamPollInterval, _options.StreamKeepAliveInterval, time);
        var started = time.GetTimestamp();
        try
        {
            var end = await stream.RunAsync(
                (task, ct) => NotifyAsync(request, task, subscriptionId, ct),
                ct => StreamHttpContext.WriteKeepAliveAsync(http, ct),
                deadline,
                lifetime.ApplicationStopping,
                cancellationToken);
            TasksLog.TaskStreamEnded(logger, subscriptionId.ToJsonString(), end, (long)time.GetElapsedTime(started).TotalMilliseconds, granted.Count, watch.VersionReads, watch.FullReads);
            return TaskNotifications.Complete(subscriptionId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            TasksLog.TaskStreamClosed(logger, subscriptionId.ToJsonString(), (long)time.GetElapsedTime(started).TotalMilliseconds, granted.Count, watch.VersionReads, watch.FullReads);
            throw;
        }
    }

    /// <summary>
    /// The requested tasks the caller may watch, read in full, in the order asked: its own (an id of another caller's
    /// prefix is not even read), existing and unexpired. The rest are left out, exactly as unknown ids are.
    /// </summary>
    private async Task<List<TaskRecord>> GrantAsync(string? caller, IReadOnlyList<string> requested, CancellationToken cancellationToken)
    {
        var candidates = requested.Where(id => caller is null ? TaskIds.IsWellFormed(id) : TaskIds.CanBelongTo(id, caller)).ToList();
        var read = await Task.WhenAll(candidates.Select(id => store.GetAsync(id, cancellationToken)));
        return read.OfType<TaskRecord>().Where(t => CallerOwner.Owns(caller, t.Owner)).ToList();
    }

    private ValueTask NotifyAsync(RequestContext<SubscriptionsListenRequestParams> request, TaskRecord task, JsonNode subscriptionId, CancellationToken cancellationToken) =>
        SendAsync(request, TaskNotifications.TaskStatus, TaskNotifications.TaskParams(TaskMapper.ToGetTaskResult(task, _options), subscriptionId), cancellationToken);

    private static async ValueTask SendAsync(RequestContext<SubscriptionsListenRequestParams> request, string method, JsonObject parameters, CancellationToken cancellationToken) =>
        await request.Server.SendMessageAsync(new JsonRpcNotification { Method = method, Params = parameters }, cancellationToken);

    private McpProtocolException TooManyOpenStreams(string? caller)
    {
        TasksLog.TooManyStreams(logger, caller, _options.MaxStreamsPerCaller);
        return new McpProtocolException(
            $"You already hold {_options.MaxStreamsPerCaller} open subscriptions/listen streams on this server, the limit; close one, or watch several tasks on one stream.",
            (McpErrorCode)TooManyStreams);
    }
}
