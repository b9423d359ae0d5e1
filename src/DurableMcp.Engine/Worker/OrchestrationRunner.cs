using System.Text.Json;
using DurableMcp.Engine.Hosting;
using DurableMcp.Engine.Logging;
using DurableMcp.Engine.Serialization;
using DurableMcp.Engine.Storage;
using DurableMcp.Engine.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableMcp.Engine.Worker;

/// <summary>
/// Processes one work message: takes the instance's lease (one runner at a time), replays its journal, runs the
/// orchestration to its end, and writes the outcome. Whoever receives messages (the embedded poller, a worker
/// process, a queue trigger) calls this.
/// </summary>
internal sealed class OrchestrationRunner(
    InstanceStore instances,
    PayloadStore payloads,
    EventStore events,
    WorkQueue queue,
    WorkSignal signal,
    LocalInstances local,
    IEnumerable<OrchestrationRegistration> registrations,
    IServiceScopeFactory scopes,
    IOptions<DurableEngineOptions> options,
    TimeProvider time,
    ILogger<OrchestrationRunner> logger)
{
    private readonly Dictionary<string, OrchestrationFunction> _functions =
        registrations.ToDictionary(r => r.Name, r => r.Function, StringComparer.Ordinal);
    private readonly DurableEngineOptions _options = options.Value;
    private readonly string _workerId = $"{Environment.MachineName}:{Environment.ProcessId}";

    // How long a first delivery waits for a row its start is still writing.
    private static readonly TimeSpan RowGrace = TimeSpan.FromMilliseconds(200);

    // Queue messages can stay invisible for at most 7 days; a longer timer is re-armed when this one wakes it.
    private static readonly TimeSpan MaxMessageDelay = TimeSpan.FromDays(6);

    public async Task<WorkOutcome> ProcessAsync(WorkItem item, CancellationToken cancellationToken = default)
    {
        try
        {
            return await ProcessCoreAsync(item, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            EngineLog.ProcessingFailed(logger, e, item.InstanceId);
            return WorkOutcome.Abandoned;
        }
    }

    private async Task<WorkOutcome> ProcessCoreAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (item.DequeueCount == 1 && item.InsertedOn is { } inserted)
        {
            EngineTelemetry.QueueWait.Record(Math.Max(0, (time.GetUtcNow() - inserted).TotalSeconds));
        }

        if (!InstanceIds.IsWellFormed(item.InstanceId))
        {
            await queue.DeleteAsync(item, cancellationToken);
            return WorkOutcome.Finished;
        }

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var record = await instances.GetAsync(item.InstanceId, cancellationToken: cancellationToken)
                ?? await AwaitRowAsync(item, cancellationToken);
            var now = time.GetUtcNow();
            if (record is null && item.DequeueCount <= 1)
            {
                // Perhaps a start whose row write is slow (or failed): let the message come back once before dropping it.
                EngineLog.RowNotFound(logger, item.InstanceId);
                return WorkOutcome.Abandoned;
            }

            if (record is null || record.Status.IsTerminal() || record.IsExpired(now))
            {
                await queue.DeleteAsync(item, cancellationToken);
                return WorkOutcome.Finished;
            }

            if (record.LeaseOwner is not null && record.LeaseExpiresAt > now)
            {
                EngineLog.Deferred(logger, record.InstanceId, record.LeaseExpiresAt.Value);
                await queue.RedeliverAsync(item, record.LeaseExpiresAt.Value - now + TimeSpan.FromSeconds(1), cancellationToken);
                return WorkOutcome.Deferred;
            }

            if (record.Attempts >= _options.MaxAttempts)
            {
                return await FailAsPoisonAsync(item, record, cancellationToken);
            }

            var runId = $"{_workerId}:{Guid.NewGuid():N}";
            var leaseExpiresAt = now + _options.LeaseDuration;
            if (item.DequeueCount <= 1)
            {
                // A first delivery takes the lease with the run's first write (one storage call fewer per run). A
                // redelivered message may mean a run crashed before writing, so it leases first to count the attempt.
                return await RunAsync(item, record with { Attempts = record.Attempts + 1 }, runId, leaseExpiresAt, holdsLease: false, cancellationToken);
            }

            string etag;
            try
            {
                etag = await instances.MergeAsync(record.InstanceId, record.ETag, new Dictionary<string, object?>
                {
                    [InstanceColumns.Status] = OrchestrationStatus.Running.ToString(),
                    [InstanceColumns.LeaseOwner] = runId,
                    [InstanceColumns.LeaseExpiresAt] = leaseExpiresAt,
                    [InstanceColumns.Attempts] = record.Attempts + 1,
                    [InstanceColumns.LastUpdatedAt] = now,
                }, cancellationToken: cancellationToken);
            }
            catch (ConcurrencyConflictException)
            {
                continue;
            }
            catch (InstanceNotFoundException)
            {
                await queue.DeleteAsync(item, cancellationToken);
                return WorkOutcome.Finished;
            }

            return await RunAsync(item, record with { ETag = etag, Attempts = record.Attempts + 1 }, runId, leaseExpiresAt, holdsLease: true, cancellationToken);
        }

        return WorkOutcome.Abandoned;
    }

    /// <summary>
    /// A start writes its row and its message at once, so a first delivery may beat the row by a moment: read once more
    /// shortly after. Null when there is still no row (or the message is not a first delivery).
    /// </summary>
    private async Task<InstanceRecord?> AwaitRowAsync(WorkItem item, CancellationToken cancellationToken)
    {
        if (item.DequeueCount > 1)
        {
            return null;
        }

        await Task.Delay(RowGrace, time, cancellationToken);
        return await instances.GetAsync(item.InstanceId, cancellationToken: cancellationToken);
    }

    private async Task<WorkOutcome> RunAsync(WorkItem item, InstanceRecord record, string runId, DateTimeOffset leaseExpiresAt, bool holdsLease, CancellationToken cancellationToken)
    {
        var journalJson = await payloads.LoadAsync(record.Journal, cancellationToken);
        var journal = journalJson is null ? [] : JsonSerializer.Deserialize(journalJson, EngineJsonContext.Default.ListJournalEntry) ?? [];
        EngineLog.Resuming(logger, record.InstanceId, record.Attempts, journal.Count);

        using var activity = EngineTelemetry.Source.StartActivity("orchestration run");
        activity?.SetTag("durable.instance_id", record.InstanceId);
        activity?.SetTag("durable.orchestration", record.Name);
        activity?.SetTag("durable.attempt", record.Attempts);
        using var run = new OrchestrationRun(record, journal, runId, leaseExpiresAt, holdsLease, instances, payloads, events, _options.SerializerOptions, time, _options.LeaseDuration);
        using var hostStopping = cancellationToken.Register(static r => ((OrchestrationRun)r!).Cancellation.Cancel(), run);
        local.AddRunning(record.InstanceId, run.Cancellation);
        using var renewalStop = new CancellationTokenSource();
        var renewal = RenewLeaseAsync(run, item, renewalStop.Token);
        try
        {
            var ending = await InvokeAsync(run, record, cancellationToken);
            await renewalStop.CancelAsync();
            await renewal;
            if (run.Aborted is { } aborted)
            {
                return await AfterAbortAsync(item, record, aborted, cancellationToken);
            }

            switch (ending.Kind)
            {
                case EndingKind.HostStopping:
                    // Hand the instance back so another process resumes it without waiting for the lease.
                    await run.ReleaseAsync(record.Attempts - 1, CancellationToken.None);
                    await queue.RedeliverAsync(item, TimeSpan.Zero, CancellationToken.None);
                    return WorkOutcome.Abandoned;
                case EndingKind.Suspended:
                    await run.SuspendAsync(CancellationToken.None);
                    await ScheduleWakeUpAsync(run, CancellationToken.None);
                    EngineLog.Suspended(logger, record.InstanceId, run.PendingWaits.Count);
                    EngineTelemetry.Suspended.Add(1);
                    break;
                default:
                    var status = ending.Kind == EndingKind.Completed ? OrchestrationStatus.Completed : OrchestrationStatus.Failed;
                    await run.CompleteAsync(status, ending.Output, ending.Failure, CancellationToken.None);
                    EngineLog.Ended(logger, record.InstanceId, status, record.Owner);
                    EngineTelemetry.RecordEnded(status, record.CreatedAt, time.GetUtcNow());
                    break;
            }

            await queue.DeleteAsync(item, CancellationToken.None);
            local.NotifyChanged(record.InstanceId);
            return WorkOutcome.Finished;
        }
        catch (OrchestrationAbortedException aborted)
        {
            return await AfterAbortAsync(item, record, aborted, cancellationToken);
        }
        finally
        {
            await renewalStop.CancelAsync();
            await renewal;
            local.RemoveRunning(record.InstanceId, run.Cancellation);
        }
    }

    /// <summary>Runs the orchestration code on the run's pump until it ends, or until it waits only for events and timers.</summary>
    private async Task<RunEnding> InvokeAsync(OrchestrationRun run, InstanceRecord record, CancellationToken hostStopping)
    {
        if (!_functions.TryGetValue(record.Name, out var function))
        {
            return new RunEnding(EndingKind.Failed, Failure: new FailureDetails("UnknownOrchestration", $"No orchestration named '{record.Name}' is registered in this worker."));
        }

        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var inputJson = await payloads.LoadAsync(record.Input, hostStopping);
            JsonElement? input = inputJson is null ? null : JsonDocument.Parse(inputJson).RootElement;
            var task = await run.Pump.RunAsync(() => function(run, input, scope.ServiceProvider), run.IsBlocked, CancellationToken.None);
            if (!task.IsCompleted)
            {
                return new RunEnding(EndingKind.Suspended);
            }

            var output = await task;
            return new RunEnding(EndingKind.Completed, output?.GetRawText());
        }
        catch (OrchestrationAbortedException)
        {
            throw;
        }
        catch (OperationCanceledException) when (run.CancellationToken.IsCancellationRequested)
        {
            if (hostStopping.IsCancellationRequested)
            {
                return new RunEnding(EndingKind.HostStopping);
            }

            // Cancelled in this process (the client already wrote Cancelled), or found cancelled at a checkpoint.
            throw run.Aborted ?? new OrchestrationAbortedException("cancellation was requested", OrchestrationStatus.Cancelled);
        }
        catch (Exception e)
        {
            return new RunEnding(EndingKind.Failed, Failure: FailureDetails.FromException(e));
        }
    }

    /// <summary>
    /// After a suspension: a delayed message wakes the instance at its earliest deadline, and an event that arrived
    /// while this run held the lease (its own wake-up message was deferred) wakes it at once.
    /// </summary>
    private async Task ScheduleWakeUpAsync(OrchestrationRun run, CancellationToken cancellationToken)
    {
        var waits = run.PendingWaits;
        var deadlines = waits.Where(w => w.Deadline is not null).Select(w => w.Deadline!.Value).ToList();
        if (deadlines.Count > 0)
        {
            var delay = deadlines.Min() - time.GetUtcNow();
            await queue.EnqueueAsync(run.InstanceId, delay <= TimeSpan.Zero ? null : Min(delay, MaxMessageDelay), cancellationToken);
        }

        var names = waits.Where(w => w.EventName is not null).Select(w => w.EventName!).ToHashSet(StringComparer.Ordinal);
        if (names.Count > 0 && (await events.ListAsync(run.InstanceId, cancellationToken)).Any(e => names.Contains(e.Name) && !run.HasConsumed(e.Key)))
        {
            await queue.EnqueueAsync(run.InstanceId, cancellationToken: cancellationToken);
            signal.Notify();
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private enum EndingKind
    {
        Completed,
        Failed,
        Suspended,
        HostStopping,
    }

    private readonly record struct RunEnding(EndingKind Kind, string? Output = null, FailureDetails? Failure = null);

    private async Task<WorkOutcome> AfterAbortAsync(WorkItem item, InstanceRecord record, OrchestrationAbortedException aborted, CancellationToken cancellationToken)
    {
        if (aborted.TerminalStatus is { } terminal)
        {
            EngineLog.LateResultDropped(logger, record.InstanceId, terminal);
            await queue.DeleteAsync(item, cancellationToken);
            local.NotifyChanged(record.InstanceId);
            return WorkOutcome.Finished;
        }

        EngineLog.Aborted(logger, record.InstanceId, aborted.Message);
        return WorkOutcome.Abandoned;
    }

    /// <summary>
    /// While the run lasts, renews the row lease and the message's invisibility, and in between reads the row: that is
    /// how a run learns within <see cref="DurableEngineOptions.CancellationCheckInterval"/> that another process cancelled it.
    /// </summary>
    private async Task RenewLeaseAsync(OrchestrationRun run, WorkItem item, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(Min(_options.LeaseDuration / 3, _options.CancellationCheckInterval), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                if (run.LeaseRenewalDue)
                {
                    await run.CheckpointAsync(renewLease: true, stop);
                    await queue.TrySetVisibilityAsync(item, _options.LeaseDuration, stop);
                }
                else
                {
                    await run.ProbeAsync(stop);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped with the run, or the run was aborted (its token is already cancelled).
        }
        catch (Exception e)
        {
            // A renewal failed (storage unreachable): stop the run rather than let two runners overlap later. Abort,
            // not plain cancellation, which would read as "cancel requested" and drop the message of a live instance.
            EngineLog.ProcessingFailed(logger, e, run.InstanceId);
            run.Abort("renewing the lease failed", null);
        }
    }

    private async Task<WorkOutcome> FailAsPoisonAsync(WorkItem item, InstanceRecord record, CancellationToken cancellationToken)
    {
        var failure = new FailureDetails(
            "PoisonInstance",
            $"The task was abandoned {record.Attempts} times: its worker crashed, timed out or lost its lease on every attempt. It will not be retried.");
        try
        {
            await instances.MergeAsync(
                record.InstanceId,
                record.ETag,
                new Dictionary<string, object?>
                {
                    [InstanceColumns.Status] = OrchestrationStatus.Failed.ToString(),
                    [InstanceColumns.Failure] = JsonSerializer.Serialize(failure, EngineJsonContext.Default.FailureDetails),
                    [InstanceColumns.LeaseOwner] = "",
                    [InstanceColumns.LastUpdatedAt] = time.GetUtcNow(),
                },
                record.HeldSlot,
                cancellationToken);
        }
        catch (Exception e) when (e is ConcurrencyConflictException or InstanceNotFoundException)
        {
            return WorkOutcome.Abandoned;
        }

        EngineLog.Poisoned(logger, record.InstanceId, record.Attempts);
        EngineTelemetry.RecordEnded(OrchestrationStatus.Failed, record.CreatedAt, time.GetUtcNow());
        await queue.DeleteAsync(item, cancellationToken);
        local.NotifyChanged(record.InstanceId);
        return WorkOutcome.Finished;
    }
}
