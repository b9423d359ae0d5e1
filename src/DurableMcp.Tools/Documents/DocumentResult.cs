namespace DurableMcp.Tools.Documents;

/// <summary>The classification of one document, as written to the output blob.</summary>
public sealed record DocumentResult(string Name, string Category, double Confidence, IReadOnlyList<string> KeyTerms);
