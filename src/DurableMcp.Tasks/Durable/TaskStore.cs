using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Durable;

/// <summary>
/// The task layer's one door to Durable Functions: schedules tool orchestrations, reads them back as
/// <see cref="TaskRecord"/>s, raises answers as external events, terminates, lists and purges, all through the
/// <see cref="DurableTaskClient"/> of the current request. Nothing here touches the task hub's storage directly. Every call
/// a request makes goes through the <see cref="StorageBoundary"/>: bounded in time, its failures translated once into
/// <see cref="StorageUnavailableException"/>.
/// </summary>
internal sealed class TaskStore(DurableClientSource clients, StorageBoundary boundary, TimeProvider time) : ITaskReader
{
    private static readonly OrchestrationRuntimeStatus[] Unfinished =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    private DurableTaskClient Client => clients.Client;

    /// <summary>
    /// Schedules <paramref name="tool"/>'s orchestration. When this returns, Durable Functions holds the instance, so a
    /// read from any process finds it. With <paramref name="maxUnfinished"/>, the owner's unfinished runs are counted
    /// after the new one is written; one over the limit is terminated at once and refused, so concurrent calls can
    /// never leave an owner above the limit.
    /// </summary>
    public async Task<TaskRecord> StartAsync(
        string tool, JsonElement input, string? owner, string revision, bool inline, TimeSpan ttl, int? maxUnfinished, CancellationToken cancellationToken = default)
    {
        var taskId = TaskIds.New(owner);
        var createdAt = time.GetUtcNow();
        var tags = TaskTags.For(revision, inline, owner, ttl, createdAt);
        await boundary.RunAsync("schedule", taskId, token => Client.ScheduleNewOrchestrationInstanceAsync(tool, input, new StartOrchestrationOptions(taskId) { Tags = tags }, token), cancellationToken);
        if (owner is not null && maxUnfinished is { } max)
        {
            var unfinished = await boundary.RunAsync("count", taskId, token => CountUnfinishedAsync(owner, token), cancellationToken);
            if (unfinished > max)
            {
                // Ended before the refusal is sent, so the caller's next call does not count this run.
                await EndAsync(taskId, "Refused: the caller has too many unfinished tasks.", CancellationToken.None);
                throw new TooManyTasksException(owner, unfinished - 1);
            }
        }

        return new TaskRecord
        {
            TaskId = taskId,
            Tool = tool,
            Status = TaskRunStatus.Pending,
            CreatedAt = createdAt,
            LastUpdatedAt = createdAt,
            ExpiresAt = createdAt + ttl,
            Owner = owner,
            Tags = tags,
            Input = input,
        };
    }

    /// <summary>The task, or null when it does not exist or has expired.</summary>
    public async Task<TaskRecord?> GetAsync(string taskId, CancellationToken cancellationToken = default) =>
        await GetEvenIfExpiredAsync(taskId, cancellationToken) is { } task ? Live(task) : null;

    /// <summary>
    /// The task, expired or not (its <see cref="TaskRecord.ExpiresAt"/> tells), until the janitor purges it; null when it
    /// does not exist. Only for answers that name the expiry to the task's owner (task outputs); <c>tasks/*</c> treat an
    /// expired task as unknown.
    /// </summary>
    public async Task<TaskRecord?> GetEvenIfExpiredAsync(string taskId, CancellationToken cancellationToken = default)
    {
        // Custom status (the status message and open questions) comes only with inputs and outputs.
        var metadata = await boundary.RunAsync("read", taskId, token => Client.GetInstanceAsync(taskId, getInputsAndOutputs: true, token), cancellationToken);
        return metadata is null ? null : ToRecord(metadata);
    }

    /// <summary>
    /// The task's run status and last write time only: the instance without its inputs, outputs and custom status, so a
    /// large input or result kept in a blob is not downloaded. Null when it does not exist.
    /// </summary>
    public async Task<TaskVersion?> GetVersionAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var metadata = await boundary.RunAsync("read status", taskId, token => Client.GetInstanceAsync(taskId, getInputsAndOutputs: false, token), cancellationToken);
        return metadata is null ? null : new TaskVersion(ToStatus(metadata.RuntimeStatus), metadata.LastUpdatedAt);
    }

    /// <summary>
    /// Polls the task until it is terminal or <paramref name="stopWhen"/> holds; null when it disappears. Starts fast
    /// (a quick tool answers in tens of milliseconds) and backs off to a few reads a second.
    /// </summary>
    public async Task<TaskRecord?> WaitAsync(string taskId, Func<TaskRecord, bool> stopWhen, CancellationToken cancellationToken = default)
    {
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var task = await GetAsync(taskId, cancellationToken);
            if (task is null || task.Status.IsTerminal() || stopWhen(task))
            {
                return task;
            }

            await Task.Delay(delay, time, cancellationToken);
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 1.5, 250));
        }
    }

    /// <summary>
    /// <see cref="WaitAsync"/> for at most <paramref name="patience"/>: the task and true when it stopped in time (null
    /// when it disappeared); otherwise the task as last read (null if never read) and false.
    /// </summary>
    public async Task<(TaskRecord? Task, bool Settled)> WaitAtMostAsync(
        string taskId, Func<TaskRecord, bool> stopWhen, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        TaskRecord? last = null;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(patience);
        try
        {
            return (await WaitAsync(taskId, t => stopWhen(last = t), deadline.Token), true);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (last, false);
        }
    }

    /// <summary>Delivers an answer (or any event) to the task's orchestration; Durable Functions keeps it until awaited.</summary>
    public Task RaiseEventAsync(string taskId, string name, JsonElement payload, CancellationToken cancellationToken = default) =>
        boundary.RunAsync("raise event", taskId, token => Client.RaiseEventAsync(taskId, name, payload, token), cancellationToken);

    /// <summary>
    /// Terminates the task's orchestration (a running activity finishes, but its result is dropped) and waits briefly for
    /// Durable Functions to record the end, so the answer reflects it. Null when the task is gone.
    /// </summary>
    public Task<TaskRecord?> CancelAsync(string taskId, CancellationToken cancellationToken = default) =>
        EndAsync(taskId, "Cancelled by the caller.", cancellationToken);

    private async Task<TaskRecord?> EndAsync(string taskId, string reason, CancellationToken cancellationToken)
    {
        await boundary.RunAsync("terminate", taskId, token => Client.TerminateInstanceAsync(taskId, reason, token), cancellationToken);
        var (ended, settled) = await WaitAtMostAsync(taskId, static _ => false, TimeSpan.FromSeconds(10), cancellationToken);
        return settled ? ended : await GetAsync(taskId, cancellationToken);
    }

    /// <summary>
    /// One page of <paramref name="owner"/>'s tasks (live, not inline runs), and the token of the next. The owner's id
    /// prefix finds them; one that comes back without tags (not every backend returns them from a query) is read again.
    /// </summary>
    public Task<(IReadOnlyList<TaskRecord> Tasks, string? ContinuationToken)> ListAsync(
        string owner, int pageSize, string? continuationToken, CancellationToken cancellationToken = default) =>
        boundary.RunAsync("list", null, token => ListPageAsync(owner, pageSize, continuationToken, token), cancellationToken);

    private async Task<(IReadOnlyList<TaskRecord> Tasks, string? ContinuationToken)> ListPageAsync(
        string owner, int pageSize, string? continuationToken, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery { InstanceIdPrefix = TaskIds.PrefixOf(owner), PageSize = pageSize, FetchInputsAndOutputs = true };
        await foreach (var page in Client.GetAllInstancesAsync(query).AsPages(continuationToken, pageSize).WithCancellation(cancellationToken))
        {
            var complete = await Task.WhenAll(page.Values.Select(m => WithTagsAsync(m, cancellationToken)));
            var tasks = complete.OfType<OrchestrationMetadata>().Select(ToRecord).Select(Live).OfType<TaskRecord>()
                .Where(t => t.Owner == owner && !TaskTags.IsInline(t.Tags)).ToList();
            return (tasks, string.IsNullOrEmpty(page.ContinuationToken) ? null : page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>
    /// Ends and deletes expired tasks: an unfinished one is terminated (and purged on a later pass, once ended), an ended
    /// one is purged with its history and large payloads. Returns how many were purged. Only runs created before
    /// <paramref name="defaultTtl"/> ago are looked at (so a pass costs reads in proportion to what it can purge, not to
    /// every task): those older than <paramref name="maxTtl"/> have expired whatever their own TTL, the others are read
    /// for theirs. A task with a shorter TTL than the default is unknown to every request from its expiry on, and its
    /// storage freed at the default TTL.
    /// </summary>
    /// <param name="defaultTtl">The default time to live.</param>
    /// <param name="maxTtl">The longest time to live.</param>
    /// <param name="beforePurge">
    /// Runs for each ended task just before it is purged (its outputs are deleted there): when it throws, the task stays
    /// for the next pass, so nothing of a task outlives it because a purge failed halfway.
    /// </param>
    /// <param name="cancellationToken">Stops the pass.</param>
    public async Task<int> PurgeExpiredAsync(TimeSpan defaultTtl, TimeSpan maxTtl, Func<string, CancellationToken, Task>? beforePurge = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var purged = 0;
        var query = new OrchestrationQuery { CreatedTo = (now - defaultTtl).UtcDateTime, PageSize = 100, FetchInputsAndOutputs = false };
        await foreach (var listed in Client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            var expired = listed.CreatedAt + maxTtl <= now ||
                (await WithTagsAsync(listed, cancellationToken) is { } instance && ToRecord(instance).ExpiresAt is { } expiry && expiry <= now);
            if (!expired)
            {
                continue;
            }

            if (ToStatus(listed.RuntimeStatus).IsTerminal())
            {
                if (beforePurge is not null)
                {
                    await beforePurge(listed.InstanceId, cancellationToken);
                }

                purged += (await Client.PurgeInstanceAsync(listed.InstanceId, cancellationToken)).PurgedInstanceCount;
            }
            else
            {
                await Client.TerminateInstanceAsync(listed.InstanceId, "Expired: its time to live ended.", cancellationToken);
            }
        }

        return purged;
    }

    private async Task<int> CountUnfinishedAsync(string owner, CancellationToken cancellationToken)
    {
        var count = 0;
        var query = new OrchestrationQuery { InstanceIdPrefix = TaskIds.PrefixOf(owner), Statuses = Unfinished, FetchInputsAndOutputs = false, PageSize = 1000 };
        await foreach (var _ in Client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            count++;
        }

        return count;
    }

    /// <summary>
    /// An instance from a query, with its tags. Every run this store starts has tags, but a backend may leave them out of
    /// query results (the local host's gRPC sidecar does); such an instance is read again on its own, which carries them.
    /// Null when it was purged in between.
    /// </summary>
    private async Task<OrchestrationMetadata?> WithTagsAsync(OrchestrationMetadata metadata, CancellationToken cancellationToken) =>
        metadata.Tags is { Count: > 0 } ? metadata : await Client.GetInstanceAsync(metadata.InstanceId, getInputsAndOutputs: true, cancellationToken);

    private TaskRecord? Live(TaskRecord task) => task.ExpiresAt is { } expiry && expiry <= time.GetUtcNow() ? null : task;

    private static TaskRecord ToRecord(OrchestrationMetadata metadata)
    {
        var tags = metadata.Tags ?? new Dictionary<string, string>();
        var status = ToStatus(metadata.RuntimeStatus);
        var custom = ReadCustomStatus(metadata.SerializedCustomStatus);
        var createdAt = TaskTags.Created(tags) ?? metadata.CreatedAt;
        return new TaskRecord
        {
            TaskId = metadata.InstanceId,
            Tool = metadata.Name,
            Status = status,
            StatusMessage = custom?.Message,
            InputRequests = status.IsTerminal() ? new Dictionary<string, InputRequest>() : ReadInputRequests(custom),
            CreatedAt = createdAt,
            LastUpdatedAt = metadata.LastUpdatedAt < createdAt ? createdAt : metadata.LastUpdatedAt,
            ExpiresAt = TaskTags.Ttl(tags) is { } ttl ? createdAt + ttl : null,
            Owner = tags.TryGetValue(TaskTags.Owner, out var owner) ? owner : null,
            Tags = tags,
            Input = Parse(metadata.SerializedInput),
            Output = status == TaskRunStatus.Completed ? Parse(metadata.SerializedOutput) : null,
            Failure = status == TaskRunStatus.Failed
                ? ToolProtocolException.ToFailure(metadata.FailureDetails?.ErrorType, metadata.FailureDetails?.ErrorMessage)
                : null,
        };
    }

    private static TaskRunStatus ToStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => TaskRunStatus.Pending,
        OrchestrationRuntimeStatus.Completed => TaskRunStatus.Completed,
        OrchestrationRuntimeStatus.Failed => TaskRunStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => TaskRunStatus.Cancelled,
#pragma warning disable CS0618 // Canceled is obsolete in the SDK but may still be recorded by older backends.
        OrchestrationRuntimeStatus.Canceled => TaskRunStatus.Cancelled,
#pragma warning restore CS0618
        _ => TaskRunStatus.Running, // Running, Suspended, ContinuedAsNew
    };

    private static TaskCustomStatus? ReadCustomStatus(string? serialized)
    {
        if (string.IsNullOrEmpty(serialized))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(serialized, DurableJsonContext.Default.TaskCustomStatus);
        }
        catch (JsonException)
        {
            return null; // Not ours (an orchestration that publishes something else): no message, no questions.
        }
    }

    private static Dictionary<string, InputRequest> ReadInputRequests(TaskCustomStatus? custom)
    {
        var requests = new Dictionary<string, InputRequest>(StringComparer.Ordinal);
        foreach (var (key, request) in custom?.InputRequests ?? new Dictionary<string, JsonElement>())
        {
            requests[key] = request.Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo<InputRequest>())!;
        }

        return requests;
    }

    private static JsonElement? Parse(string? serialized) =>
        string.IsNullOrEmpty(serialized) ? null : JsonSerializer.Deserialize(serialized, DurableJsonContext.Default.JsonElement);
}
