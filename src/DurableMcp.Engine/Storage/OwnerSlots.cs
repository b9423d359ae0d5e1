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
    private const int MaxRememberedOwners = 10_000;

    // Per partition, a cursor over the slots: concurrent starts in this process each take the next one, so they do
    // not collide with one another, and a steady stream of starts whose instances end roughly in order rarely meets
    // a taken slot.
    private readonly ConcurrentDictionary<string, int> _cursor = new(StringComparer.Ordinal);

    /// <summary>Inserts the instance row with a free slot of its owner's; returns the slot.</summary>
    /// <exception cref="OwnerLimitExceededException">All <paramref name="limit"/> slots are taken.</exception>
    public async Task<int> InsertAsync(string instanceId, string owner, IDictionary<string, object?> columns, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        var partition = InstanceIds.PartitionOf(instanceId);
        var slot = NextSlot(partition) % limit;

        // Each failed try means another start took a slot, so the free ones run out within about `limit` tries
        // (unless instances keep ending meanwhile, which the bound covers).
        for (var tries = 0; tries <= limit + 8; tries++)
        {
            if (await instances.TryInsertWithSlotAsync(instanceId, columns, slot, cancellationToken))
            {
                if (tries > 0)
                {
                    _cursor[partition] = slot + 1; // carry on past the taken ones
                }

                return slot;
            }

            var slots = await instances.ListSlotsAsync(partition, cancellationToken);
            if (slots.Count >= limit && await FreeOrphansAsync(partition, slots, cancellationToken) is { Count: > 0 } freed)
            {
                slots = [.. slots.Except(freed)];
            }

            var taken = slots.Select(s => s.Slot).ToHashSet();
            var free = Enumerable.Range(0, limit).Where(s => !taken.Contains(s)).ToList();
            if (free.Count == 0 || taken.Count >= limit) // the second: slots above a limit since lowered count too
            {
                throw new OwnerLimitExceededException(owner, taken.Count);
            }

            // A random free slot, so that starts racing for the few free ones (in other processes too) spread out.
            slot = free[Random.Shared.Next(free.Count)];
        }

        throw new OwnerLimitExceededException(owner, limit);
    }

    /// <summary>
    /// Before refusing an owner at its limit: frees slots whose holder is no longer an unfinished instance (its row was
    /// deleted outside the engine, say), which nothing else would ever free. One partition query; each slot row is
    /// deleted only if unchanged since it was listed, so a slot taken again meanwhile is kept.
    /// </summary>
    private async Task<List<SlotRow>> FreeOrphansAsync(string partition, List<SlotRow> slots, CancellationToken cancellationToken)
    {
        var unfinished = await instances.ListUnfinishedAsync(partition, cancellationToken);
        var freed = new List<SlotRow>();
        foreach (var orphan in slots.Where(s => !unfinished.Contains(s.Holder)))
        {
            if (await instances.TryDeleteSlotAsync(partition, orphan, cancellationToken))
            {
                freed.Add(orphan);
            }
        }

        return freed;
    }

    private int NextSlot(string partition)
    {
        if (_cursor.Count >= MaxRememberedOwners)
        {
            _cursor.Clear(); // a hint, not state: forgetting costs at most a query per owner
        }

        return _cursor.AddOrUpdate(partition, 0, static (_, n) => (n + 1) & int.MaxValue);
    }
}
