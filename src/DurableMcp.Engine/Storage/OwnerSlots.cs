using System.Collections.Concurrent;

namespace DurableMcp.Engine.Storage;

/// <summary>
/// Enforces an owner's limit on unfinished instances without counting them. The owner's partition has at most one
/// row per slot (<c>~slot:0</c> .. <c>~slot:{limit-1}</c>); an instance is inserted together with a free slot row in one
/// transaction, and its terminal write (or purge) deletes that row in the same transaction. So the slot rows are
/// exactly the owner's unfinished instances, under any concurrency and across processes, and a start normally costs
/// the one insert it needs anyway. Only when the slot tried first is taken are the taken ones listed (one query).
/// </summary>
internal sealed class OwnerSlots(InstanceStore instances)
{
    private const int MaxTries = 5;
    private const int MaxRememberedOwners = 10_000;

    // Per partition, the slot to try next: one past the last one taken here, so a steady stream of starts, whose
    // instances end roughly in order, rarely meets a taken slot.
    private readonly ConcurrentDictionary<string, int> _next = new(StringComparer.Ordinal);

    /// <summary>Inserts the instance row with a free slot of its owner's; returns the slot.</summary>
    /// <exception cref="OwnerLimitExceededException">All <paramref name="limit"/> slots are taken.</exception>
    public async Task<int> InsertAsync(string instanceId, string owner, IDictionary<string, object?> columns, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var partition = InstanceIds.PartitionOf(instanceId);
        var slot = _next.GetValueOrDefault(partition) % limit;
        var taken = 0;
        for (var tries = 0; tries < MaxTries; tries++)
        {
            if (await instances.TryInsertWithSlotAsync(instanceId, columns, slot, cancellationToken))
            {
                Remember(partition, (slot + 1) % limit);
                return slot;
            }

            var held = (await instances.ListSlotsAsync(partition, cancellationToken)).ToHashSet();
            taken = held.Count;
            var free = Enumerable.Range(1, limit).Select(i => (slot + i) % limit).Where(s => !held.Contains(s)).Cast<int?>().FirstOrDefault();
            if (free is null)
            {
                break;
            }

            slot = free.Value;
        }

        // Every slot was taken, or (under heavy contention) taken again each time one came free.
        Remember(partition, (slot + 1) % limit);
        throw new OwnerLimitExceededException(owner, Math.Max(taken, limit));
    }

    private void Remember(string partition, int next)
    {
        if (_next.Count >= MaxRememberedOwners)
        {
            _next.Clear(); // a hint, not state: forgetting costs at most one query per owner
        }

        _next[partition] = next;
    }
}
