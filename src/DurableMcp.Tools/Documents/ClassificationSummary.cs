namespace DurableMcp.Tools.Documents;

/// <summary>The result of <c>classify_documents</c>.</summary>
/// <param name="Documents">How many documents were classified.</param>
/// <param name="Categories">Documents per category (after the user's corrections).</param>
/// <param name="AverageConfidence">Mean posterior probability of the model's choices.</param>
/// <param name="Reviewed">Documents the user was asked to review, and whether they answered.</param>
/// <param name="Relabelled">Documents whose category the user changed.</param>
/// <param name="Output">Where the per-document results are: <c>{container}/{blob}</c>.</param>
public sealed record ClassificationSummary(
    int Documents,
    IReadOnlyDictionary<string, int> Categories,
    double AverageConfidence,
    ReviewSummary Reviewed,
    int Relabelled,
    string Output);

/// <summary>How the review of uncertain documents went.</summary>
/// <param name="Asked">Documents shown to the user.</param>
/// <param name="Outcome">accept, decline, cancel, timed_out, or none (nothing to review).</param>
public sealed record ReviewSummary(int Asked, string Outcome);
