using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using DurableMcp.DevStorage;

namespace DurableMcp.Bench;

/// <summary>
/// A counting relay in front of all three of Azurite's services, for one client process: give that process
/// <see cref="ConnectionString"/> and every request it sends to storage is counted (<see cref="Snapshot"/>). One proxy per
/// process tells the processes apart; per-phase figures are differences of snapshots.
/// </summary>
internal sealed class StorageProxy : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, StrongBox<long>> _counts = new(StringComparer.Ordinal);
    private readonly CountingProxy _blob;
    private readonly CountingProxy _queue;
    private readonly CountingProxy _table;

    /// <param name="name">Whose requests these are, for messages.</param>
    /// <param name="azurite">The real Azurite ports.</param>
    /// <param name="hubName">The task hub the client uses, shown as <c>{hub}</c> in request kinds.</param>
    public StorageProxy(string name, AzuritePorts azurite, string? hubName)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        Name = name;
        _blob = new CountingProxy("blob", azurite.Blob, hubName, _counts);
        _queue = new CountingProxy("queue", azurite.Queue, hubName, _counts);
        _table = new CountingProxy("table", azurite.Table, hubName, _counts);
        ConnectionString = AzuriteLauncher.ConnectionString(new AzuritePorts(_blob.Port, _queue.Port, _table.Port));
    }

    public string Name { get; }

    /// <summary>An Azurite connection string whose three endpoints are this proxy's ports.</summary>
    public string ConnectionString { get; }

    /// <summary>Requests counted so far, by kind.</summary>
    public OperationCounts Snapshot() => new(_counts.ToDictionary(p => p.Key, p => Interlocked.Read(ref p.Value.Value), StringComparer.Ordinal));

    public async ValueTask DisposeAsync()
    {
        await _blob.DisposeAsync();
        await _queue.DisposeAsync();
        await _table.DisposeAsync();
    }
}
