namespace DurableMcp.Bench;

/// <summary>
/// The last figures of the home-made engine this project retired (its README, "How the engine keeps its promises", and its
/// benchmark's targets at commit f9ce39d), printed with every run for the record. Its measured latencies and rates were
/// printed by its benchmark but never committed; bench/README.md keeps what there is.
/// </summary>
internal static class RetiredEngine
{
    public static readonly string[] Figures =
    [
        "Storage requests per 3-step task: 8 (README at f9ce39d: create = 1 insert-with-slot table transaction + 1 queue message; run = 1 read, 3 merges, " +
        "the ending transaction, the message delete; plus a share of a batched receive); about 9 before the lease rode on the first write (8b2a7b3).",
        "Per-caller limit without a count query: a create cost one table transaction (slot row + task row) and one queue message.",
        "Idle worker: one work queue, polled with a backoff doubling from 50 ms to DurableEngine:MaxPollInterval (10 s).",
        "Its benchmark's targets: create p50 <= 10 ms, tasks/get p50 <= 5 ms, tasks/update -> working and -> resumed p50 <= 100 ms, <= 10 storage " +
        "requests per 3-step task, steady throughput >= 60% of the storage-bound limit.",
    ];
}
