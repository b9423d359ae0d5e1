namespace DurableMcp.Tools.Classification;

/// <summary>
/// The classifier's verdict on one document.
/// </summary>
/// <param name="Category">The most probable category (ties go to the ordinally smallest name).</param>
/// <param name="Confidence">Posterior probability of <paramref name="Category"/>, in [0, 1].</param>
/// <param name="KeyTerms">
/// Up to five distinct document tokens that pushed hardest towards <paramref name="Category"/> over its strongest
/// rival, strongest first; empty when the document had no known tokens.
/// </param>
public sealed record DocumentClassification(string Category, double Confidence, IReadOnlyList<string> KeyTerms);
