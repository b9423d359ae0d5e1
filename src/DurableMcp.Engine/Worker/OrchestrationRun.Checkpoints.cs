using System.Text.Json;
using DurableMcp.Engine.Serialization;
using DurableMcp.Engine.Storage;

namespace DurableMcp.Engine.Worker;

/// <summary>Writes of the instance row while this run owns it.</summary>
internal sealed partial class OrchestrationRun
{
    private const int MaxConflictRetries = 8;

    /// <summary>
    /// Persists new journal entries, what the run waits for and the status message, and extends the lease. Skips the
    /// write when there is nothing new and the lease is not being renewed.
    /// </summary>
    public Task CheckpointAsync(bool renewLease, CancellationToken cancellationToken = default) =>
        WriteAsync(renewLease ? WriteKind.RenewLease : WriteKind.IfChanged, columns => { }, cancellationToken);

    /// <summary>Writes the terminal state and releases the lease.</summary>
    public Task CompleteAsync(OrchestrationStatus status, string? output, FailureDetails? failure, CancellationToken cancellationToken = default) =>
        WriteAsync(WriteKind.End, async columns =>
        {
            columns[InstanceColumns.Status] = status.ToString();
            columns[InstanceColumns.PendingWaits] = "";
            columns[InstanceColumns.Output] = await _payloads.StoreAsync(InstanceId, "output", output, cancellationToken) ?? "";
            columns[InstanceColumns.Failure] = failure is null ? "" : JsonSerializer.Serialize(failure, EngineJsonContext.Default.FailureDetails);
        }, cancellationToken);

    /// <summary>
    /// Ends a run whose code waits only for events or timers: persists the journal and what it waits for, and
    /// releases the lease as a clean end (the attempt count resets).
    /// </summary>
    public Task SuspendAsync(CancellationToken cancellationToken = default) =>
        WriteAsync(WriteKind.Release, columns => columns[InstanceColumns.Attempts] = 0, cancellationToken);

    /// <summary>
    /// Gives the instance back on a graceful stop: persists finished steps so they are not run again, and clears the
    /// lease without counting this run as an abnormal attempt.
    /// </summary>
    public Task ReleaseAsync(int attempts, CancellationToken cancellationToken = default) =>
        !_holdsLease
            ? Task.CompletedTask // Nothing was written and no step ran: the row is as the next run needs it.
            : WriteAsync(WriteKind.Release, columns => columns[InstanceColumns.Attempts] = attempts, cancellationToken);

    private Task WriteAsync(WriteKind kind, Action<Dictionary<string, object?>> addColumns, CancellationToken cancellationToken) =>
        WriteAsync(kind, columns =>
        {
            addColumns(columns);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>One conditional write of the columns this run owns: pending state, plus what <paramref name="addColumns"/> adds.</summary>
    private async Task WriteAsync(WriteKind kind, Func<Dictionary<string, object?>, Task> addColumns, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var columns = new Dictionary<string, object?>();
            if (!_holdsLease)
            {
                // The first write takes the lease; what the write itself sets (an ending, a release) overrides these.
                columns[InstanceColumns.Status] = OrchestrationStatus.Running.ToString();
                columns[InstanceColumns.LeaseOwner] = RunId;
                columns[InstanceColumns.Attempts] = _attempt; // which attempt this run is, itself included
            }

            var replacedJournal = await AddPendingColumnsAsync(columns, cancellationToken);
            await addColumns(columns);
            if (columns.Count == 0 && kind == WriteKind.IfChanged)
            {
                return;
            }

            var now = _time.GetUtcNow();
            columns[InstanceColumns.LastUpdatedAt] = now;
            var releases = kind is WriteKind.Release or WriteKind.End;
            if (releases)
            {
                columns[InstanceColumns.LeaseOwner] = "";
            }
            else
            {
                columns[InstanceColumns.LeaseExpiresAt] = now + _leaseDuration;
            }

            await WriteOwnedAsync(columns, kind == WriteKind.End ? _slot : null, cancellationToken);
            if (!releases)
            {
                _leaseExpiresAt = now + _leaseDuration;
            }

            await _payloads.DeleteAsync(replacedJournal, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private enum WriteKind
    {
        IfChanged,
        RenewLease,
        Release,

        /// <summary>The terminal write: releases the lease and frees the owner's slot.</summary>
        End,
    }

    /// <summary>Adds the journal and status columns if they changed; returns the stored journal value they replace.</summary>
    private async Task<string?> AddPendingColumnsAsync(Dictionary<string, object?> columns, CancellationToken cancellationToken)
    {
        string? replaced = null;
        List<JournalEntry> journal;
        lock (_journal)
        {
            journal = [.. _journal];
        }

        if (journal.Count > _persistedEntries)
        {
            var json = JsonSerializer.Serialize(journal, EngineJsonContext.Default.ListJournalEntry);
            var stored = await _payloads.StoreAsync(InstanceId, "journal", json, cancellationToken);
            columns[InstanceColumns.Journal] = stored;
            replaced = _storedJournal;
            _storedJournal = stored;
            _persistedEntries = journal.Count;

            // Progress: a task whose runs keep finishing steps is not poison, however often its processes die.
            columns[InstanceColumns.Attempts] = 1;
        }

        var waits = _waits.Count == 0 ? "" : JsonSerializer.Serialize(PendingWaits.ToList(), EngineJsonContext.Default.ListPendingWait);
        if (!string.Equals(waits, _persistedWaits ?? "", StringComparison.Ordinal))
        {
            columns[InstanceColumns.PendingWaits] = waits;
            _persistedWaits = waits;
        }

        if (!string.Equals(_statusMessage, _persistedStatusMessage, StringComparison.Ordinal))
        {
            columns[InstanceColumns.StatusMessage] = _statusMessage ?? "";
            _persistedStatusMessage = _statusMessage;
        }

        return replaced;
    }

    /// <summary>
    /// Merges columns this run owns. A conflict means another writer touched the row: if it only added its own
    /// columns (say, a raised event) the write is retried on the new ETag; if the instance became terminal, was
    /// purged, or the lease moved, the run is aborted and its token cancelled.
    /// </summary>
    private async Task WriteOwnedAsync(Dictionary<string, object?> columns, int? freeSlot, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _etag = await _instances.MergeAsync(InstanceId, _etag, columns, freeSlot, cancellationToken);
                _holdsLease = true;
                return;
            }
            catch (InstanceNotFoundException)
            {
                throw Abort("the instance was purged", null);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxConflictRetries)
            {
                var current = await _instances.GetAsync(InstanceId, summaryOnly: true, cancellationToken)
                    ?? throw Abort("the instance was purged", null);
                ThrowIfNotOwner(current);
                _etag = current.ETag;
            }
        }
    }

    /// <summary>
    /// Aborts the run unless <paramref name="current"/> (the row as read now) is still this run's: not terminal, and
    /// leased to this run, or, before the run has taken the lease, unchanged since the row it replayed.
    /// </summary>
    private void ThrowIfNotOwner(InstanceRecord current)
    {
        if (current.Status.IsTerminal())
        {
            throw Abort($"the instance is already {current.Status}", current.Status);
        }

        if (!_holdsLease && !string.Equals(current.ETag, _etag, StringComparison.Ordinal))
        {
            throw Abort("the instance changed before this run took its lease", null);
        }

        if (_holdsLease && !string.Equals(current.LeaseOwner, RunId, StringComparison.Ordinal))
        {
            throw Abort($"another run ({current.LeaseOwner ?? "none"}) holds the lease", null);
        }
    }

    internal OrchestrationAbortedException Abort(string reason, OrchestrationStatus? terminalStatus)
    {
        _aborted ??= new OrchestrationAbortedException(reason, terminalStatus);
        _cancellation.Cancel();
        return _aborted;
    }

    /// <summary>Reads the row without writing and stops the run if the instance ended, was purged, or the lease moved.</summary>
    public async Task ProbeAsync(CancellationToken cancellationToken = default)
    {
        var current = await _instances.GetAsync(InstanceId, summaryOnly: true, cancellationToken) ?? throw Abort("the instance was purged", null);
        ThrowIfNotOwner(current);
    }

    /// <summary>True while the lease has at most two thirds of its time left, so a renewal is due.</summary>
    public bool LeaseRenewalDue => _time.GetUtcNow() >= _leaseExpiresAt - (_leaseDuration * 2 / 3);
}
