using System.Text.Json;
using DurableMcp.Engine.Logging;
using DurableMcp.Engine.Serialization;
using DurableMcp.Engine.Storage;
using DurableMcp.Engine.Telemetry;
using DurableMcp.Engine.Worker;
using Microsoft.Extensions.Logging;

namespace DurableMcp.Engine.Client;

/// <summary>
/// Starts, inspects, cancels, purges and queries orchestration instances. Thread-safe; register as a singleton.
/// </summary>
public sealed class DurableClient
{
    private readonly InstanceStore _instances;
    private readonly OwnerSlots _slots;
    private readonly PayloadStore _payloads;
    private readonly EventStore _events;
    private readonly WorkQueue _queue;
    private readonly WorkSignal _signal;
    private readonly LocalInstances _local;
    private readonly HashSet<string> _registered;
    private readonly TimeProvider _time;
    private readonly ILogger<DurableClient> _logger;

    internal DurableClient(
        InstanceStore instances,
        OwnerSlots slots,
        PayloadStore payloads,
        EventStore events,
        WorkQueue queue,
        WorkSignal signal,
        LocalInstances local,
        IEnumerable<OrchestrationRegistration> registrations,
        TimeProvider time,
        ILogger<DurableClient> logger)
    {
        _instances = instances;
        _slots = slots;
        _payloads = payloads;
        _events = events;
        _queue = queue;
        _signal = signal;
        _local = local;
        _registered = registrations.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Records a new instance and queues it. When this returns, the instance exists durably and any process can
    /// read it; the returned id is its handle.
    /// </summary>
    public async Task<OrchestrationInstance> StartAsync(string name, JsonElement? input, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_registered.Contains(name))
        {
            throw new ArgumentException($"No orchestration named '{name}' is registered.", nameof(name));
        }

        options ??= new StartOrchestrationOptions();
        var instanceId = InstanceIds.New(options.Owner);
        var now = _time.GetUtcNow();
        var tags = options.Tags is { Count: > 0 } ? new Dictionary<string, string>(options.Tags) : null;
        var columns = new Dictionary<string, object?>
        {
            [InstanceColumns.Name] = name,
            [InstanceColumns.Status] = OrchestrationStatus.Pending.ToString(),
            [InstanceColumns.Input] = await _payloads.StoreAsync(instanceId, "input", input?.GetRawText(), cancellationToken),
            [InstanceColumns.CreatedAt] = now,
            [InstanceColumns.LastUpdatedAt] = now,
            [InstanceColumns.ExpiresAt] = now + options.TimeToLive,
            [InstanceColumns.Owner] = options.Owner,
            [InstanceColumns.Tags] = tags is null ? null : JsonSerializer.Serialize(tags, EngineJsonContext.Default.DictionaryStringString),
            [InstanceColumns.Attempts] = 0,
        };

        // The row and the work message are written at once; the start returns when both are durable. A worker that
        // receives the message first waits for the row (see OrchestrationRunner).
        var inserting = InsertAsync(instanceId, options, columns, cancellationToken);
        var enqueueing = _queue.EnqueueAsync(instanceId, cancellationToken: cancellationToken);
        try
        {
            await Task.WhenAll(inserting, enqueueing);
        }
        catch
        {
            // Take back the half that was written, so that a failed start leaves no task and no work behind.
            if (enqueueing.IsCompletedSuccessfully)
            {
                await _queue.DeleteAsync(enqueueing.Result, CancellationToken.None);
            }

            if (inserting.IsCompletedSuccessfully)
            {
                await _instances.DeleteAsync(instanceId, freeSlot: inserting.Result, cancellationToken: CancellationToken.None);
            }

            await _payloads.DeleteAsync(columns[InstanceColumns.Input] as string, CancellationToken.None); // an input in a blob

            await inserting; // its failure first: a refusal for the owner's limit says more than a failed enqueue
            await enqueueing;
            throw;
        }

        _signal.Notify();
        EngineLog.Started(_logger, name, instanceId, options.Owner);
        EngineTelemetry.Started.Add(1);
        return new OrchestrationInstance
        {
            InstanceId = instanceId,
            Name = name,
            Status = OrchestrationStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            ExpiresAt = now + options.TimeToLive,
            Owner = options.Owner,
            Tags = tags ?? [],
        };
    }

    /// <summary>Inserts the new row, with one of the owner's slots when the owner has a limit; returns that slot.</summary>
    private async Task<int?> InsertAsync(string instanceId, StartOrchestrationOptions options, Dictionary<string, object?> columns, CancellationToken cancellationToken)
    {
        if (options is { Owner: { } owner, MaxUnfinishedForOwner: { } limit })
        {
            return await _slots.InsertAsync(instanceId, owner, columns, limit, cancellationToken);
        }

        return await _instances.TryInsertAsync(instanceId, columns, cancellationToken)
            ? null
            : throw new InvalidOperationException("A freshly generated instance id already exists; the random source is broken.");
    }

    /// <summary>Reads an instance; null when it does not exist or has expired.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="includeOutput">Also load the output (which may live in a blob).</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    public async Task<OrchestrationInstance?> GetAsync(string instanceId, bool includeOutput = true, CancellationToken cancellationToken = default)
    {
        if (!InstanceIds.IsWellFormed(instanceId))
        {
            return null;
        }

        var record = await _instances.GetAsync(instanceId, summaryOnly: !includeOutput, cancellationToken);
        return record is null || record.IsExpired(_time.GetUtcNow()) ? null : await ToInstanceAsync(record, includeOutput, cancellationToken);
    }

    /// <summary>Reads an instance with the input it was started with (which may live in a blob), but not its output.</summary>
    public async Task<OrchestrationInstance?> GetWithInputAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var record = InstanceIds.IsWellFormed(instanceId) ? await _instances.GetAsync(instanceId, cancellationToken: cancellationToken) : null;
        if (record is null || record.IsExpired(_time.GetUtcNow()))
        {
            return null;
        }

        var input = await _payloads.LoadAsync(record.Input, cancellationToken);
        return await ToInstanceAsync(record, includeOutput: false, cancellationToken) with
        {
            Input = input is null ? null : JsonDocument.Parse(input).RootElement.Clone(),
        };
    }

    /// <summary>
    /// Cancels an instance: it becomes <see cref="OrchestrationStatus.Cancelled"/> at once (terminal, so a late result
    /// is dropped), and its run stops cooperatively. A terminal instance is returned unchanged; null when it does not exist.
    /// </summary>
    public async Task<OrchestrationInstance?> RequestCancellationAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        if (!InstanceIds.IsWellFormed(instanceId))
        {
            return null;
        }

        while (true)
        {
            var record = await _instances.GetAsync(instanceId, summaryOnly: true, cancellationToken);
            var now = _time.GetUtcNow();
            if (record is null || record.IsExpired(now))
            {
                return null;
            }

            if (record.Status.IsTerminal())
            {
                return await ToInstanceAsync(record, includeOutput: false, cancellationToken);
            }

            try
            {
                var etag = await _instances.MergeAsync(
                    instanceId,
                    record.ETag,
                    new Dictionary<string, object?>
                    {
                        [InstanceColumns.Status] = OrchestrationStatus.Cancelled.ToString(),
                        [InstanceColumns.CancelRequested] = true,
                        [InstanceColumns.LastUpdatedAt] = now,
                    },
                    record.HeldSlot,
                    cancellationToken);
                EngineLog.CancelRequested(_logger, instanceId);
                EngineTelemetry.RecordEnded(OrchestrationStatus.Cancelled, record.CreatedAt, now);
                _local.Cancel(instanceId);
                _local.NotifyChanged(instanceId);
                return await ToInstanceAsync(
                    record with { Status = OrchestrationStatus.Cancelled, CancelRequested = true, LastUpdatedAt = now, ETag = etag },
                    includeOutput: false,
                    cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // A worker checkpointed in between; read again and retry.
            }
            catch (InstanceNotFoundException)
            {
                return null;
            }
        }
    }

    /// <summary>
    /// Raises an external event on an instance. Durable (recorded before this returns) and idempotent: raising the same
    /// <paramref name="eventKey"/> again has no second effect. An event raised before the instance waits for it is kept.
    /// </summary>
    /// <param name="instanceId">The instance.</param>
    /// <param name="eventName">The name the orchestration waits for.</param>
    /// <param name="payload">The event data.</param>
    /// <param name="eventKey">Identifies this event for idempotency (letters, digits, <c>-_.:</c>; up to 200); a new id when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    public async Task<RaiseEventResult> RaiseEventAsync(string instanceId, string eventName, JsonElement? payload, string? eventKey = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        eventKey ??= Guid.NewGuid().ToString("N");
        if (!EventStore.IsValidKey(eventKey))
        {
            throw new ArgumentException("An event key is 1-200 letters, digits, '-', '_', '.' or ':'.", nameof(eventKey));
        }

        var record = InstanceIds.IsWellFormed(instanceId) ? await _instances.GetAsync(instanceId, summaryOnly: true, cancellationToken) : null;
        var result = record is null || record.IsExpired(_time.GetUtcNow()) ? RaiseEventResult.InstanceNotFound
            : record.Status.IsTerminal() ? RaiseEventResult.InstanceTerminal
            : await _events.TryAddAsync(
                instanceId,
                eventKey,
                eventName,
                await _payloads.StoreAsync(instanceId, "event", payload?.GetRawText(), cancellationToken),
                _time.GetUtcNow(),
                cancellationToken) ? RaiseEventResult.Accepted : RaiseEventResult.Duplicate;

        if (result is RaiseEventResult.Accepted or RaiseEventResult.Duplicate)
        {
            // Also on a duplicate: the first raise may have recorded the event and died before this wake-up.
            await _queue.EnqueueAsync(instanceId, cancellationToken: cancellationToken);
            _signal.Notify();
        }

        EngineLog.EventRaised(_logger, eventName, eventKey, instanceId, result);
        return result;
    }

    /// <summary>Deletes an instance and its payload blobs. Idempotent; returns false when nothing was there.</summary>
    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken = default) =>
        PurgeCoreAsync(instanceId, owner: null, known: null, cancellationToken);

    /// <param name="instanceId">The instance.</param>
    /// <param name="owner">Its owner, for the log.</param>
    /// <param name="known">The row as a query just read it, if it did (saves reading it again); null to read it.</param>
    /// <param name="cancellationToken">Cancels the purge.</param>
    private async Task<bool> PurgeCoreAsync(string instanceId, string? owner, InstanceRecord? known, CancellationToken cancellationToken)
    {
        if (!InstanceIds.IsWellFormed(instanceId))
        {
            return false;
        }

        // Blobs first: a crash in between leaves a row that the next purge finds, never orphaned blobs.
        var blobs = await _payloads.DeleteAllAsync(instanceId, cancellationToken);
        await _events.DeleteAllAsync(instanceId, cancellationToken);
        var existed = await DeleteRowAsync(instanceId, known, cancellationToken);
        _local.Cancel(instanceId);
        if (existed || blobs > 0)
        {
            EngineLog.Purged(_logger, instanceId, blobs, owner);
        }

        return existed || blobs > 0;
    }

    /// <summary>Deletes the instance row, and frees its owner's slot if it still holds one.</summary>
    private async Task<bool> DeleteRowAsync(string instanceId, InstanceRecord? known, CancellationToken cancellationToken)
    {
        while (true)
        {
            var record = known ?? await _instances.GetAsync(instanceId, summaryOnly: true, cancellationToken);
            known = null;
            if (record?.HeldSlot is not { } slot)
            {
                return await _instances.DeleteAsync(instanceId, cancellationToken: cancellationToken);
            }

            try
            {
                return await _instances.DeleteAsync(instanceId, record.ETag, slot, cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                // It changed (ended, say) in between: read again, so a slot is freed only by its holder.
            }
        }
    }

    /// <summary>
    /// Purges up to <paramref name="maxInstances"/> instances whose time to live has passed (whatever their state);
    /// returns how many. Bounded so that one call (a janitor tick, a timer trigger) has a bounded cost.
    /// </summary>
    public async Task<int> PurgeExpiredAsync(int maxInstances = 100, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxInstances, 1);
        var query = new InstanceQuery { ExpiredAtOrBefore = _time.GetUtcNow() };
        var (rows, _) = await _instances.QueryAsync(InstanceFilter.Build(query), Math.Min(maxInstances, 1000), continuationToken: null, cancellationToken);
        var purged = 0;
        foreach (var row in rows)
        {
            if (await PurgeCoreAsync(row.InstanceId, row.Owner, row, cancellationToken))
            {
                purged++;
            }
        }

        return purged;
    }

    /// <summary>
    /// Re-queues instances still <see cref="OrchestrationStatus.Pending"/> long after creation: their creator died between
    /// recording them and queueing their work. A spare message is harmless (the runner drops stale ones).
    /// </summary>
    public async Task<int> RequeueStrandedAsync(TimeSpan olderThan, int maxInstances = 100, CancellationToken cancellationToken = default)
    {
        var page = await QueryAsync(new InstanceQuery { Statuses = [OrchestrationStatus.Pending], PageSize = Math.Min(maxInstances, 1000) }, cancellationToken);
        var cutoff = _time.GetUtcNow() - olderThan;
        var requeued = 0;
        foreach (var instance in page.Instances.Where(i => i.LastUpdatedAt < cutoff))
        {
            await _queue.EnqueueAsync(instance.InstanceId, cancellationToken: cancellationToken);
            requeued++;
        }

        return requeued;
    }

    /// <summary>One page of instances matching <paramref name="query"/> (without outputs).</summary>
    public async Task<InstancePage> QueryAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000);
        var (rows, token) = await _instances.QueryAsync(InstanceFilter.Build(query), query.PageSize, query.ContinuationToken, cancellationToken);
        var instances = new List<OrchestrationInstance>(rows.Count);
        foreach (var row in rows)
        {
            instances.Add(await ToInstanceAsync(row, includeOutput: false, cancellationToken, resolveWaits: false));
        }

        return new InstancePage(instances, token);
    }

    /// <summary>Waits until the instance is terminal and returns it (null if it disappears).</summary>
    public Task<OrchestrationInstance?> WaitForCompletionAsync(string instanceId, CancellationToken cancellationToken = default) =>
        WaitForStateAsync(instanceId, static i => i.Status.IsTerminal(), cancellationToken);

    /// <summary>
    /// Waits until <paramref name="until"/> holds for the instance (or it is terminal, or gone: null) and returns it.
    /// Polls with backoff; a change made in this process (an ending, a suspension) wakes the wait at once.
    /// </summary>
    public async Task<OrchestrationInstance?> WaitForStateAsync(string instanceId, Func<OrchestrationInstance, bool> until, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(until);
        var delay = TimeSpan.FromMilliseconds(20);
        while (true)
        {
            var changed = _local.WhenChanged(instanceId);
            var instance = await GetAsync(instanceId, includeOutput: true, cancellationToken);
            if (instance is null || instance.Status.IsTerminal() || until(instance))
            {
                _local.Forget(instanceId, changed);
                return instance;
            }

            await Task.WhenAny(changed, Task.Delay(delay, _time, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();
            delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
        }
    }

    private async Task<OrchestrationInstance> ToInstanceAsync(InstanceRecord record, bool includeOutput, CancellationToken cancellationToken, bool resolveWaits = true)
    {
        var output = includeOutput ? await _payloads.LoadAsync(record.Output, cancellationToken) : null;
        return new OrchestrationInstance
        {
            InstanceId = record.InstanceId,
            Name = record.Name,
            Status = record.Status,
            StatusMessage = record.StatusMessage,
            CreatedAt = record.CreatedAt,
            LastUpdatedAt = record.LastUpdatedAt,
            ExpiresAt = record.ExpiresAt,
            Owner = record.Owner,
            Tags = record.Tags is null ? [] : JsonSerializer.Deserialize(record.Tags, EngineJsonContext.Default.DictionaryStringString) ?? [],
            CancelRequested = record.CancelRequested,
            Output = output is null ? null : JsonDocument.Parse(output).RootElement.Clone(),
            Failure = record.Failure is null ? null : JsonSerializer.Deserialize(record.Failure, EngineJsonContext.Default.FailureDetails),
            PendingWaits = await OutstandingWaitsAsync(record, resolveWaits, cancellationToken),
        };
    }

    /// <summary>
    /// The persisted waits, less (when <paramref name="resolve"/>) those whose event has been raised since: one query,
    /// only when an event is awaited. Queries skip that, so a page costs one request.
    /// </summary>
    private async Task<IReadOnlyList<PendingWait>> OutstandingWaitsAsync(InstanceRecord record, bool resolve, CancellationToken cancellationToken)
    {
        if (record.PendingWaits is null || record.Status.IsTerminal())
        {
            return [];
        }

        var waits = JsonSerializer.Deserialize(record.PendingWaits, EngineJsonContext.Default.ListPendingWait) ?? [];
        if (!resolve || !waits.Any(w => w.EventName is not null))
        {
            return waits;
        }

        var raised = (await _events.ListAsync(record.InstanceId, cancellationToken)).Select(e => e.Name).ToHashSet(StringComparer.Ordinal);
        return waits.Where(w => w.EventName is null || !raised.Contains(w.EventName)).ToList();
    }
}
