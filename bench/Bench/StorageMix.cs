using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>
/// The storage requests of one task, rounded to whole operations of the kinds the engine sends, so the raw load
/// imitates a task's mix. Receives are batched as the worker's are: one receive per <see cref="ReceiveBatch"/> tasks.
/// <see cref="TableBatches"/> are the transactions of a task whose owner has a limit: the insert that takes a slot
/// (creation) and the terminal merge that frees it (the workers' share). Derived from the counts the servers measured.
/// </summary>
internal sealed record StorageMix(
    int TableInserts, int TableBatches, int TableReads, int TableMerges, int QueueSends, int ReceiveBatch, int QueueUpdates, int QueueDeletes)
{
    public const int MaxReceiveBatch = 32;

    public double OperationsPerTask => TableInserts + TableBatches + TableReads + TableMerges + QueueSends + (1.0 / ReceiveBatch) + QueueUpdates + QueueDeletes;

    /// <summary>Whether creation is a transaction (insert and slot) rather than a plain insert.</summary>
    public bool CreatesWithSlot => TableBatches > 0;

    /// <summary>Transactions in the workers' share: the terminal merge that frees the slot.</summary>
    public int DrainBatches => Math.Max(0, TableBatches - 1);

    /// <summary>The workers' share: everything but the insert (or insert transaction) and the put that creating a task costs.</summary>
    public double DrainOperationsPerTask => TableReads + TableMerges + DrainBatches + (1.0 / ReceiveBatch) + QueueUpdates + QueueDeletes;

    public string DescribeDrain() => string.Create(
        CultureInfo.InvariantCulture,
        $"receive 1 per {ReceiveBatch} messages, table get {TableReads}, merge {TableMerges}, merge-and-free-slot transaction {DrainBatches}, queue update {QueueUpdates}, delete {QueueDeletes}");

    public static StorageMix FromPerTask(OperationCounts counts, int tasks)
    {
        double PerTask(params string[] kinds) => kinds.Sum(k => counts[k]) / (double)tasks;
        int Round(params string[] kinds) => (int)Math.Round(PerTask(kinds), MidpointRounding.AwayFromZero);
        var receives = PerTask("queue GET messages");
        var batches = Round("table POST batch");
        return new StorageMix(
            TableInserts: batches > 0 ? Round("table POST entities") : Math.Max(1, Round("table POST entities")),
            TableBatches: batches,
            TableReads: Round("table GET entity"),
            TableMerges: Round("table PATCH entity", "table MERGE entity", "table PUT entity"),
            QueueSends: Math.Max(1, Round("queue POST messages")),
            ReceiveBatch: receives > 0 ? Math.Clamp((int)Math.Round(1 / receives), 1, MaxReceiveBatch) : MaxReceiveBatch,
            QueueUpdates: Round("queue PUT message"),
            QueueDeletes: Math.Max(1, Round("queue DELETE message")));
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"table insert {TableInserts}, transaction {TableBatches}, get {TableReads}, merge {TableMerges}; queue put {QueueSends}, receive 1 per {ReceiveBatch} messages, update {QueueUpdates}, delete {QueueDeletes}");
}
