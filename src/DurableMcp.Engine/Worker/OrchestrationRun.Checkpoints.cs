using System.Text.Json;
using DurableMcp.Engine.Serialization;
using DurableMcp.Engine.Storage;

namespace DurableMcp.Engine.Worker;

/// <summary>Writes of the instance row while this run owns it.</summary>
internal sealed partial class OrchestrationRun
{
    private const int MaxConflictRetries = 8;

    /// <summary>
    /// Persists new journal entries and the status message (and extends the lease). Skips the write when there is
    /// nothing new and the lease is not being renewed.
    /// </summary>
    public async Task CheckpointAsync(bool renewLease, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var columns = new Dictionary<string, object?>();
            var journalToReplace = await AddPendingColumnsAsync(columns, cancellationToken);
            if (columns.Count == 0 && !renewLease)
            {
                return;
            }

            var now = _time.GetUtcNow();
            var leaseExpiresAt = now + _leaseDuration;
            columns[InstanceColumns.LeaseExpiresAt] = leaseExpiresAt;
            columns[InstanceColumns.LastUpdatedAt] = now;
            await WriteOwnedAsync(columns, cancellationToken);
            _leaseExpiresAt = leaseExpiresAt;
            await _payloads.DeleteAsync(journalToReplace, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Writes the terminal state and releases the lease.</summary>
    public async Task CompleteAsync(OrchestrationStatus status, string? output, FailureDetails? failure, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var columns = new Dictionary<string, object?>();
            await AddPendingColumnsAsync(columns, cancellationToken);
            columns[InstanceColumns.Status] = status.ToString();
            columns[InstanceColumns.Output] = await _payloads.StoreAsync(InstanceId, "output", output, cancellationToken) ?? "";
            columns[InstanceColumns.Failure] = failure is null ? "" : JsonSerializer.Serialize(failure, EngineJsonContext.Default.FailureDetails);
            columns[InstanceColumns.LeaseOwner] = "";
            columns[InstanceColumns.LastUpdatedAt] = _time.GetUtcNow();
            await WriteOwnedAsync(columns, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Gives the instance back on a graceful stop: persists finished steps so they are not run again, and clears the
    /// lease without counting this run as an abnormal attempt.
    /// </summary>
    public async Task ReleaseAsync(int attempts, CancellationToken cancellationToken = default)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            var columns = new Dictionary<string, object?>();
            await AddPendingColumnsAsync(columns, cancellationToken);
            columns[InstanceColumns.LeaseOwner] = "";
            columns[InstanceColumns.Attempts] = attempts;
            columns[InstanceColumns.LastUpdatedAt] = _time.GetUtcNow();
            await WriteOwnedAsync(columns, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
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
    private async Task WriteOwnedAsync(Dictionary<string, object?> columns, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                _etag = await _instances.MergeAsync(InstanceId, _etag, columns, cancellationToken);
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
                if (current.Status.IsTerminal())
                {
                    throw Abort($"the instance is already {current.Status}", current.Status);
                }

                if (!string.Equals(current.LeaseOwner, RunId, StringComparison.Ordinal))
                {
                    throw Abort($"another run ({current.LeaseOwner ?? "none"}) holds the lease", null);
                }

                _etag = current.ETag;
            }
        }
    }

    internal OrchestrationAbortedException Abort(string reason, OrchestrationStatus? terminalStatus)
    {
        _aborted ??= new OrchestrationAbortedException(reason, terminalStatus);
        _cancellation.Cancel();
        return _aborted;
    }

    /// <summary>True while the lease has at most two thirds of its time left, so a renewal is due.</summary>
    public bool LeaseRenewalDue => _time.GetUtcNow() >= _leaseExpiresAt - (_leaseDuration * 2 / 3);
}
