namespace DurableMcp.Tools.Documents;

/// <summary>What one checkpointed batch produced (its per-document results live in a part blob, not the journal).</summary>
public sealed record BatchSummary(int Documents, IReadOnlyDictionary<string, int> Categories, double ConfidenceSum);
