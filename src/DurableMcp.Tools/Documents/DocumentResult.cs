namespace DurableMcp.Tools.Documents;

/// <summary>The classification of one document, as written to the output blob.</summary>
/// <param name="Name">The blob name.</param>
/// <param name="Category">The final category (the user's choice where they reviewed it).</param>
/// <param name="Confidence">The model's posterior probability for its own choice.</param>
/// <param name="KeyTerms">Terms that drove the model's choice.</param>
/// <param name="ModelCategory">The model's choice, when the user changed it.</param>
public sealed record DocumentResult(string Name, string Category, double Confidence, IReadOnlyList<string> KeyTerms, string? ModelCategory = null);
