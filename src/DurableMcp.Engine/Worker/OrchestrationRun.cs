using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DurableMcp.Engine.Storage;

namespace DurableMcp.Engine.Worker;

/// <summary>
/// One run of one instance: the <see cref="IOrchestrationContext"/> the orchestration sees, and the owner of
/// the instance row while it holds the lease. Journaled steps replay; new steps are checkpointed lazily: a step's
/// result is written just before the next step starts (or with the final result), so a 3-step instance costs
/// three row writes, and a crash re-executes at most the step that was in flight.
/// </summary>
internal sealed partial class OrchestrationRun : IOrchestrationContext, IDisposable
{
    private readonly InstanceStore _instances;
    private readonly PayloadStore _payloads;
    private readonly JsonSerializerOptions _serializer;
    private readonly TimeProvider _time;
    private readonly TimeSpan _leaseDuration;
    private readonly List<JournalEntry> _journal;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _cancellation = new();
    private int _persistedEntries;
    private int _position;
    private int _guidCounter;
    private string? _statusMessage;
    private string? _persistedStatusMessage;
    private string _etag;
    private string? _storedJournal;
    private DateTimeOffset _leaseExpiresAt;
    private OrchestrationAbortedException? _aborted;

    public OrchestrationRun(
        InstanceRecord record,
        List<JournalEntry> journal,
        string runId,
        DateTimeOffset leaseExpiresAt,
        InstanceStore instances,
        PayloadStore payloads,
        JsonSerializerOptions serializer,
        TimeProvider time,
        TimeSpan leaseDuration)
    {
        InstanceId = record.InstanceId;
        RunId = runId;
        _etag = record.ETag;
        _storedJournal = record.Journal;
        _statusMessage = record.StatusMessage;
        _persistedStatusMessage = record.StatusMessage;
        _journal = journal;
        _persistedEntries = journal.Count;
        _leaseExpiresAt = leaseExpiresAt;
        _instances = instances;
        _payloads = payloads;
        _serializer = serializer;
        _time = time;
        _leaseDuration = leaseDuration;
        CurrentUtcDateTime = record.CreatedAt;
        IsReplaying = journal.Count > 0;
    }

    public string InstanceId { get; }

    /// <summary>Identifies this run as the lease owner.</summary>
    public string RunId { get; }

    public CancellationToken CancellationToken => _cancellation.Token;

    internal CancellationTokenSource Cancellation => _cancellation;

    public bool IsReplaying { get; private set; }

    public DateTimeOffset CurrentUtcDateTime { get; private set; }

    /// <summary>Set once the run must stop without writing (see <see cref="OrchestrationAbortedException"/>).</summary>
    public OrchestrationAbortedException? Aborted => _aborted;

    public async Task<T> StepAsync<T>(string name, Func<CancellationToken, Task<T>> step)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(step);
        ThrowIfStopped();

        if (_position < _journal.Count)
        {
            return Replay<T>(_journal[_position++], name);
        }

        IsReplaying = false;
        await CheckpointAsync(renewLease: false);
        ThrowIfStopped();

        JournalEntry entry;
        T result;
        try
        {
            result = await step(_cancellation.Token);
            entry = new JournalEntry(name, JsonSerializer.SerializeToElement(result, _serializer), null, _time.GetUtcNow());
        }
        catch (Exception e) when (!_cancellation.IsCancellationRequested && e is not OrchestrationAbortedException)
        {
            var failure = FailureDetails.FromException(e);
            Record(new JournalEntry(name, null, failure, _time.GetUtcNow()));
            throw new StepFailedException(name, failure);
        }

        Record(entry);
        return result;
    }

    public void SetStatus(string? message) => _statusMessage = string.IsNullOrEmpty(message) ? null : message;

    public Guid NewGuid()
    {
        // Name-based: the same instance and counter give the same id on every replay.
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{InstanceId}/{_guidCounter++}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true);
    }

    private T Replay<T>(JournalEntry entry, string name)
    {
        if (!string.Equals(entry.Name, name, StringComparison.Ordinal))
        {
            throw new OrchestrationFailureException(new FailureDetails(
                "NonDeterministicOrchestration",
                $"On replay, step {_position} is '{name}' but the journal recorded '{entry.Name}'. Code between steps must be deterministic."));
        }

        CurrentUtcDateTime = entry.CompletedAt;
        IsReplaying = _position < _journal.Count;
        if (entry.Failure is not null)
        {
            throw new StepFailedException(name, entry.Failure);
        }

        return entry.Result is { } result ? result.Deserialize<T>(_serializer)! : default!;
    }

    private void Record(JournalEntry entry)
    {
        // The lease renewer may be serializing the journal on another thread.
        lock (_journal)
        {
            _journal.Add(entry);
        }

        _position++;
        CurrentUtcDateTime = entry.CompletedAt;
    }

    private void ThrowIfStopped()
    {
        if (_aborted is not null)
        {
            throw _aborted;
        }

        _cancellation.Token.ThrowIfCancellationRequested();
    }

    public void Dispose()
    {
        _cancellation.Dispose();
        _writeLock.Dispose();
    }
}
