namespace DurableMcp.Tools.Documents;

/// <summary>What one checkpointed batch produced (its per-document results live in a part blob, not the journal).</summary>
/// <param name="Documents">Documents classified.</param>
/// <param name="Uncertain">The least confident documents below the review threshold (at most a form's worth).</param>
public sealed record BatchSummary(int Documents, IReadOnlyList<UncertainDocument> Uncertain);

/// <summary>A document the model is unsure about, offered to the user for review.</summary>
public sealed record UncertainDocument(string Name, string Category, double Confidence, string Snippet);
