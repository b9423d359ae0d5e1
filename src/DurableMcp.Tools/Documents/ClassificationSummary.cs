namespace DurableMcp.Tools.Documents;

/// <summary>The result of <c>classify_documents</c>.</summary>
/// <param name="Documents">How many documents were classified.</param>
/// <param name="Categories">Documents per category.</param>
/// <param name="AverageConfidence">Mean posterior probability of the chosen categories.</param>
/// <param name="Output">Where the per-document results are: <c>{container}/{blob}</c>.</param>
public sealed record ClassificationSummary(int Documents, IReadOnlyDictionary<string, int> Categories, double AverageConfidence, string Output);
