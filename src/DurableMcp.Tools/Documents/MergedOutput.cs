namespace DurableMcp.Tools.Documents;

/// <summary>What the final step wrote: the output blob and the totals over every document.</summary>
public sealed record MergedOutput(string Output, int Documents, IReadOnlyDictionary<string, int> Categories, double ConfidenceSum, int Relabelled);
