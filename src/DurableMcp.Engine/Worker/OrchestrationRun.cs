using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DurableMcp.Engine.Storage;
using DurableMcp.Engine.Telemetry;

namespace DurableMcp.Engine.Worker;

/// <summary>
/// One run of one instance: the <see cref="IOrchestrationContext"/> the orchestration sees, and the owner of the
/// instance row while it holds the lease. Journaled operations replay; new steps are checkpointed lazily: a step's
/// result is written just before the next step starts (or with the final result), so a 3-step instance costs three
/// row writes, and a crash re-executes at most the step that was in flight. When the code awaits only events and
/// timers, the runner suspends the run (see <see cref="IsBlocked"/>).
/// <para>
/// A run may start without the lease (a message's first delivery): its first write then takes it, with the ETag
/// of the row it replayed. That write comes before any step executes, and code before the first step is
/// deterministic and side-effect free, so nothing runs twice; a run that loses the race is aborted unwritten.
/// </para>
/// </summary>
internal sealed partial class OrchestrationRun : IOrchestrationContext, IDisposable
{
    private readonly InstanceStore _instances;
    private readonly PayloadStore _payloads;
    private readonly EventStore _events;
    private readonly JsonSerializerOptions _serializer;
    private readonly TimeProvider _time;
    private readonly TimeSpan _leaseDuration;
    private readonly Dictionary<int, JournalEntry> _replay;
    private readonly int _replayEnd;
    private readonly List<JournalEntry> _journal;
    private readonly HashSet<string> _consumedEvents;
    private readonly SortedDictionary<int, OutstandingWait> _waits = [];
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _cancellation = new();
    private readonly int? _slot;
    private readonly int _attempt;
    private Task<List<RecordedEvent>>? _recordedEvents;
    private int _nextSeq;
    private int _activeSteps;
    private int _startingWaits;
    private int _persistedEntries;
    private int _guidCounter;
    private string? _statusMessage;
    private string? _persistedStatusMessage;
    private string? _persistedWaits;
    private string _etag;
    private string? _storedJournal;
    private DateTimeOffset _leaseExpiresAt;
    private volatile bool _holdsLease;
    private OrchestrationAbortedException? _aborted;

    public OrchestrationRun(
        InstanceRecord record,
        List<JournalEntry> journal,
        string runId,
        DateTimeOffset leaseExpiresAt,
        bool holdsLease,
        InstanceStore instances,
        PayloadStore payloads,
        EventStore events,
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
        _persistedWaits = record.PendingWaits;
        _journal = journal;
        _replay = journal.ToDictionary(e => e.Seq);
        _replayEnd = journal.Count == 0 ? 0 : journal.Max(e => e.Seq) + 1;
        _consumedEvents = journal.Where(e => e.EventKey is not null).Select(e => e.EventKey!).ToHashSet(StringComparer.Ordinal);
        _persistedEntries = journal.Count;
        _leaseExpiresAt = leaseExpiresAt;
        _holdsLease = holdsLease;
        _slot = record.HeldSlot;
        _attempt = record.Attempts;
        _instances = instances;
        _payloads = payloads;
        _events = events;
        _serializer = serializer;
        _time = time;
        _leaseDuration = leaseDuration;
        CurrentUtcDateTime = record.CreatedAt;
    }

    public string InstanceId { get; }

    /// <summary>Identifies this run as the lease owner.</summary>
    public string RunId { get; }

    public CancellationToken CancellationToken => _cancellation.Token;

    internal CancellationTokenSource Cancellation => _cancellation;

    /// <summary>The single-threaded context the orchestration code runs on.</summary>
    internal OrchestrationPump Pump { get; } = new();

    public bool IsReplaying => _nextSeq < _replayEnd;

    public DateTimeOffset CurrentUtcDateTime { get; private set; }

    /// <summary>Set once the run must stop without writing (see <see cref="OrchestrationAbortedException"/>).</summary>
    public OrchestrationAbortedException? Aborted => _aborted;

    /// <summary>
    /// True when the code can make no progress in this run: no step is executing, no wait is still reading the recorded
    /// events, and it waits for events or timers.
    /// </summary>
    public bool IsBlocked() => _activeSteps == 0 && _startingWaits == 0 && _waits.Count > 0;

    /// <summary>What the instance waits for, as published with it.</summary>
    public IReadOnlyList<PendingWait> PendingWaits => _waits.Values.Select(w => w.ToPendingWait()).ToList();

    /// <summary>True when this run's journal shows the event was consumed.</summary>
    public bool HasConsumed(string eventKey) => _consumedEvents.Contains(eventKey);

    public async Task<T> StepAsync<T>(string name, Func<CancellationToken, Task<T>> step)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(step);
        ThrowIfStopped();
        var seq = _nextSeq++;
        if (Replayed(seq, name) is { } entry)
        {
            return entry.Failure is not null
                ? throw new StepFailedException(name, entry.Failure)
                : entry.Result is { } result ? result.Deserialize<T>(_serializer)! : default!;
        }

        // Counted from before the checkpoint, so the run is never judged blocked while this step is starting.
        _activeSteps++;
        using var activity = EngineTelemetry.Source.StartActivity("step " + name);
        try
        {
            await CheckpointAsync(renewLease: false);
            ThrowIfStopped();
            T result;
            try
            {
                result = await step(_cancellation.Token);
            }
            catch (Exception e) when (!_cancellation.IsCancellationRequested && e is not OrchestrationAbortedException)
            {
                var failure = FailureDetails.FromException(e);
                Record(new JournalEntry(seq, name, null, failure, _time.GetUtcNow()));
                throw new StepFailedException(name, failure);
            }

            Record(new JournalEntry(seq, name, JsonSerializer.SerializeToElement(result, _serializer), null, _time.GetUtcNow()));
            return result;
        }
        finally
        {
            _activeSteps--;
        }
    }

    public Task<EventWaitResult> WaitForEventAsync(string name, WaitOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ThrowIfStopped();
        var seq = _nextSeq++;
        var journalName = "event:" + name;
        if (Replayed(seq, journalName) is { } entry)
        {
            return Task.FromResult(new EventWaitResult(entry.TimedOut, entry.Result));
        }

        var deadline = options?.Timeout is { } timeout ? CurrentUtcDateTime + timeout : (DateTimeOffset?)null;
        return WaitAsync(new OutstandingWait(seq, journalName, name, deadline, options?.Descriptor));
    }

    public async Task CreateTimerAsync(DateTimeOffset fireAt)
    {
        ThrowIfStopped();
        var seq = _nextSeq++;
        if (Replayed(seq, "timer") is null)
        {
            await WaitAsync(new OutstandingWait(seq, "timer", null, fireAt, null));
        }
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

    /// <summary>The journaled outcome of operation <paramref name="seq"/>, checking it is the same operation.</summary>
    private JournalEntry? Replayed(int seq, string name)
    {
        if (!_replay.TryGetValue(seq, out var entry))
        {
            return null;
        }

        if (!string.Equals(entry.Name, name, StringComparison.Ordinal))
        {
            throw new OrchestrationFailureException(new FailureDetails(
                "NonDeterministicOrchestration",
                $"On replay, operation {seq} is '{name}' but the journal recorded '{entry.Name}'. Code between steps must be deterministic."));
        }

        CurrentUtcDateTime = entry.CompletedAt;
        return entry;
    }

    /// <summary>Completes a wait from a recorded event or an elapsed deadline, or leaves it outstanding.</summary>
    private async Task<EventWaitResult> WaitAsync(OutstandingWait wait)
    {
        if (wait.EventName is { } eventName)
        {
            // Counted while its reads are in flight: a concurrent wait that registered first must not make the run look
            // blocked, or it would suspend before this wait is registered (or consumes its event).
            _startingWaits++;
            try
            {
                // One read shared by every wait, resumed in the order the waits began (on the run's single thread), and
                // an event claimed before its payload loads: waits on one name take its events in order, on every replay.
                _recordedEvents ??= _events.ListAsync(InstanceId, _cancellation.Token);
                if ((await _recordedEvents).FirstOrDefault(e => e.Name == eventName && !_consumedEvents.Contains(e.Key)) is { } recorded)
                {
                    _consumedEvents.Add(recorded.Key);
                    return Consume(wait, recorded, await _payloads.LoadAsync(recorded.Payload, _cancellation.Token));
                }
            }
            finally
            {
                _startingWaits--;
            }
        }

        if (wait.Deadline is { } deadline && deadline <= _time.GetUtcNow())
        {
            Record(new JournalEntry(wait.Seq, wait.JournalName, null, null, deadline, TimedOut: true));
            return new EventWaitResult(true, null);
        }

        _waits[wait.Seq] = wait;
        return await wait.Completion.Task;
    }

    private EventWaitResult Consume(OutstandingWait wait, RecordedEvent recorded, string? payload)
    {
        _consumedEvents.Add(recorded.Key);
        var element = payload is null ? (JsonElement?)null : JsonDocument.Parse(payload).RootElement.Clone();
        Record(new JournalEntry(wait.Seq, wait.JournalName, element, null, _time.GetUtcNow(), recorded.Key));
        return new EventWaitResult(false, element);
    }

    private void Record(JournalEntry entry)
    {
        // The lease renewer may be serializing the journal on another thread.
        lock (_journal)
        {
            _journal.Add(entry);
        }

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

    /// <summary>A wait that has not completed in this run.</summary>
    private sealed record OutstandingWait(int Seq, string JournalName, string? EventName, DateTimeOffset? Deadline, JsonElement? Descriptor)
    {
        public TaskCompletionSource<EventWaitResult> Completion { get; } = new();

        public PendingWait ToPendingWait() => new(EventName, Deadline, Descriptor);
    }
}
