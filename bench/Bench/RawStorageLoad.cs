using System.Collections.Concurrent;
using System.Diagnostics;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace DurableMcp.Bench;

/// <summary>
/// What Azurite does without the engine, from the Azure SDK directly: single requests one at a time; the whole
/// <see cref="StorageMix"/> of a task on parallel loops; and the workers' share of it draining a pre-made backlog.
/// Receives are batched and shared between loops, as the worker's are.
/// </summary>
internal sealed class RawStorageLoad
{
    // Each item its own partition: the instance row keyed by its id, and the owner's slot row beside it.
    private const string SlotRowKey = "~slot:0";
    private static readonly TimeSpan Invisible = TimeSpan.FromSeconds(60);
    private static readonly QueueClientOptions QueueOptions = new() { MessageEncoding = QueueMessageEncoding.None };
    private readonly string _connectionString;
    private readonly Process _azurite;
    private readonly TableClient _table;
    private readonly QueueClient _mixQueue;
    private readonly ConcurrentQueue<QueueMessage> _mixReceived = new();
    private long _operations;
    private long _drained;
    private int _drains;

    private RawStorageLoad(string connectionString, Process azurite)
    {
        _connectionString = connectionString;
        _azurite = azurite;
        _table = new TableClient(connectionString, "benchrawops");
        _mixQueue = new QueueClient(connectionString, "benchraw-mix", QueueOptions);
    }

    public static async Task<RawStorageLoad> CreateAsync(string connectionString, Process azurite, CancellationToken cancellationToken = default)
    {
        var load = new RawStorageLoad(connectionString, azurite);
        await load._table.CreateIfNotExistsAsync(cancellationToken);
        await load._mixQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return load;
    }

    /// <summary>Single requests one after another: p50 of entity insert, message put, entity read, conditional merge.</summary>
    public async Task<(double Insert, double Put, double Get, double Merge)> MeasureSerialLatencyAsync(int count, CancellationToken cancellationToken = default)
    {
        var insert = new List<double>(count);
        var put = new List<double>(count);
        var get = new List<double>(count);
        var merge = new List<double>(count);
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString("N");
            var started = Stopwatch.GetTimestamp();
            await _table.AddEntityAsync(NewEntity(id), cancellationToken);
            insert.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            await _mixQueue.SendMessageAsync(id, null, TimeSpan.FromSeconds(-1), cancellationToken);
            put.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            var etag = (await _table.GetEntityAsync<TableEntity>(id, id, cancellationToken: cancellationToken)).Value.ETag;
            get.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);

            started = Stopwatch.GetTimestamp();
            await _table.UpdateEntityAsync(Update(id, i), etag, TableUpdateMode.Merge, cancellationToken);
            merge.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return (LatencyStats.From(insert).P50, LatencyStats.From(put).P50, LatencyStats.From(get).P50, LatencyStats.From(merge).P50);
    }

    /// <summary>Rate of <paramref name="concurrency"/> loops running a task's whole <paramref name="mix"/>, after half a second of warm-up.</summary>
    public async Task<RawRate> MeasureMixAsync(StorageMix mix, int concurrency, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var loops = Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => MixLoopAsync(mix, stop.Token), CancellationToken.None)).ToList();
        try
        {
            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
            var from = CpuSample.Take(_azurite, []);
            var before = Interlocked.Read(ref _operations);
            await Task.Delay(duration, cancellationToken);
            var operations = Interlocked.Read(ref _operations) - before;
            return RawRate.Between(from, CpuSample.Take(_azurite, []), operations / mix.OperationsPerTask, operations);
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(loops);
        }
    }

    /// <summary>
    /// The workers' share alone: <paramref name="backlog"/> entities and messages are made first (not timed), then
    /// <paramref name="concurrency"/> loops take a message, read the entity, merge it and delete the message, until the
    /// backlog is gone or <paramref name="limit"/> is up. Returns drained items and operations per second.
    /// </summary>
    public async Task<RawRate> MeasureDrainAsync(
        StorageMix mix, int backlog, int concurrency, TimeSpan limit, CancellationToken cancellationToken = default)
    {
        // A queue of its own per drain, so messages a time-limited drain left behind never count in the next one.
        var queue = new QueueClient(_connectionString, $"benchraw-drain{Interlocked.Increment(ref _drains)}", QueueOptions);
        await queue.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        var received = new ConcurrentQueue<QueueMessage>();
        var claimed = 0;
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref claimed) <= backlog)
            {
                var id = Guid.NewGuid().ToString("N");
                await CreateAsync(id, mix, cancellationToken);
                await queue.SendMessageAsync(id, null, TimeSpan.FromSeconds(-1), cancellationToken);
            }
        }));

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(limit);
        var operationsBefore = Interlocked.Read(ref _operations);
        var drainedBefore = Interlocked.Read(ref _drained);
        var from = CpuSample.Take(_azurite, []);
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(() => DrainLoopAsync(queue, received, mix, stop.Token), CancellationToken.None)));
        var to = CpuSample.Take(_azurite, []);
        cancellationToken.ThrowIfCancellationRequested();
        return RawRate.Between(from, to, Interlocked.Read(ref _drained) - drainedBefore, Interlocked.Read(ref _operations) - operationsBefore);
    }

    private async Task MixLoopAsync(StorageMix mix, CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var id = Guid.NewGuid().ToString("N");
                var etag = await CreateAsync(id, mix, stop);
                Counted();
                for (var i = 0; i < mix.QueueSends; i++)
                {
                    await _mixQueue.SendMessageAsync(id, null, TimeSpan.FromSeconds(-1), stop);
                    Counted();
                }

                etag = await ReadAndMergeAsync(id, etag, mix, stop);
                for (var i = 0; i < mix.QueueDeletes && await NextMessageAsync(_mixQueue, _mixReceived, mix.ReceiveBatch, stop) is { } message; i++)
                {
                    await UpdateAndDeleteAsync(_mixQueue, message, mix, stop);
                }
            }
        }
        catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or RequestFailedException)
        {
            // The window is over; a request cut off by the stop counts for nothing.
        }
    }

    private async Task DrainLoopAsync(QueueClient queue, ConcurrentQueue<QueueMessage> received, StorageMix mix, CancellationToken stop)
    {
        try
        {
            while (await NextMessageAsync(queue, received, mix.ReceiveBatch, stop) is { } message)
            {
                await ReadAndMergeAsync(message.Body.ToString(), ETag.All, mix, stop);
                await UpdateAndDeleteAsync(queue, message, mix, stop);
                Interlocked.Increment(ref _drained);
            }
        }
        catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or RequestFailedException)
        {
            // Time is up.
        }
    }

    // An insert, or (when the task's owner has a limit) the transaction that inserts it with a slot row.
    private async Task<ETag> CreateAsync(string id, StorageMix mix, CancellationToken stop)
    {
        if (!mix.CreatesWithSlot)
        {
            return (await _table.AddEntityAsync(NewEntity(id), stop)).Headers.ETag!.Value;
        }

        var created = await _table.SubmitTransactionAsync(
            [new(TableTransactionActionType.Add, NewEntity(id)), new(TableTransactionActionType.Add, new TableEntity(id, SlotRowKey) { ["Instance"] = id })], stop);
        return created.Value[0].Headers.ETag!.Value;
    }

    private async Task<ETag> ReadAndMergeAsync(string id, ETag etag, StorageMix mix, CancellationToken stop)
    {
        for (var i = 0; i < mix.TableReads; i++)
        {
            etag = (await _table.GetEntityAsync<TableEntity>(id, id, cancellationToken: stop)).Value.ETag;
            Counted();
        }

        for (var i = 0; i < mix.TableMerges; i++)
        {
            etag = (await _table.UpdateEntityAsync(Update(id, i), etag, TableUpdateMode.Merge, stop)).Headers.ETag!.Value;
            Counted();
        }

        for (var i = 0; i < mix.DrainBatches; i++)
        {
            // The terminal merge that frees the slot, in one transaction.
            var ended = await _table.SubmitTransactionAsync(
                [new(TableTransactionActionType.UpdateMerge, Update(id, mix.TableMerges), etag), new(TableTransactionActionType.Delete, new TableEntity(id, SlotRowKey) { ETag = ETag.All })], stop);
            etag = ended.Value[0].Headers.ETag!.Value;
            Counted();
        }

        return etag;
    }

    private async Task UpdateAndDeleteAsync(QueueClient queue, QueueMessage message, StorageMix mix, CancellationToken stop)
    {
        var receipt = message.PopReceipt;
        for (var i = 0; i < mix.QueueUpdates; i++)
        {
            receipt = (await queue.UpdateMessageAsync(message.MessageId, receipt, visibilityTimeout: Invisible, cancellationToken: stop)).Value.PopReceipt;
            Counted();
        }

        await queue.DeleteMessageAsync(message.MessageId, receipt, stop);
        Counted();
    }

    // Like the worker: one receive fetches a batch, and the loops share what it fetched. Null when the queue is empty.
    private async Task<QueueMessage?> NextMessageAsync(QueueClient queue, ConcurrentQueue<QueueMessage> received, int batch, CancellationToken stop)
    {
        if (received.TryDequeue(out var message))
        {
            return message;
        }

        var messages = (await queue.ReceiveMessagesAsync(batch, Invisible, stop)).Value;
        Counted();
        foreach (var more in messages.Skip(1))
        {
            received.Enqueue(more);
        }

        return messages.Length > 0 ? messages[0] : null;
    }

    private void Counted() => Interlocked.Increment(ref _operations);

    private static TableEntity NewEntity(string id) => new(id, id)
    {
        ["Name"] = "run_steps",
        ["Status"] = "Pending",
        ["Input"] = """{"steps":3}""",
        ["CreatedAt"] = DateTimeOffset.UtcNow,
        ["LastUpdatedAt"] = DateTimeOffset.UtcNow,
        ["Attempts"] = 0,
    };

    private static TableEntity Update(string id, int step) => new(id, id)
    {
        ["Status"] = "Running",
        ["StatusMessage"] = $"{step} / 3 steps",
        ["LastUpdatedAt"] = DateTimeOffset.UtcNow,
    };
}
