using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>
/// The storage requests of one task, rounded to whole operations of the kinds the engine sends, so the raw load
/// imitates a task's mix. Receives are batched as the worker's are: one receive per <see cref="ReceiveBatch"/> tasks.
/// Derived from the counts the servers measured.
/// </summary>
internal sealed record StorageMix(int TableInserts, int TableReads, int TableMerges, int QueueSends, int ReceiveBatch, int QueueUpdates, int QueueDeletes)
{
    public const int MaxReceiveBatch = 32;

    public double OperationsPerTask => TableInserts + TableReads + TableMerges + QueueSends + (1.0 / ReceiveBatch) + QueueUpdates + QueueDeletes;

    /// <summary>The workers' share: everything but the insert and the put that creating a task costs.</summary>
    public double DrainOperationsPerTask => TableReads + TableMerges + (1.0 / ReceiveBatch) + QueueUpdates + QueueDeletes;

    public string DescribeDrain() => string.Create(
        CultureInfo.InvariantCulture,
        $"receive 1 per {ReceiveBatch} messages, table get {TableReads}, merge {TableMerges}, queue update {QueueUpdates}, delete {QueueDeletes}");

    public static StorageMix FromPerTask(OperationCounts counts, int tasks)
    {
        double PerTask(params string[] kinds) => kinds.Sum(k => counts[k]) / (double)tasks;
        int Round(params string[] kinds) => (int)Math.Round(PerTask(kinds), MidpointRounding.AwayFromZero);
        var receives = PerTask("queue GET messages");
        return new StorageMix(
            TableInserts: Math.Max(1, Round("table POST entities")),
            TableReads: Round("table GET entity"),
            TableMerges: Round("table PATCH entity", "table MERGE entity", "table PUT entity"),
            QueueSends: Math.Max(1, Round("queue POST messages")),
            ReceiveBatch: receives > 0 ? Math.Clamp((int)Math.Round(1 / receives), 1, MaxReceiveBatch) : MaxReceiveBatch,
            QueueUpdates: Round("queue PUT message"),
            QueueDeletes: Math.Max(1, Round("queue DELETE message")));
    }

    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"table insert {TableInserts}, get {TableReads}, merge {TableMerges}; queue put {QueueSends}, receive 1 per {ReceiveBatch} messages, update {QueueUpdates}, delete {QueueDeletes}");
}
