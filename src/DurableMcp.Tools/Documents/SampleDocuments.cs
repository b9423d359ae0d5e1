using DurableMcp.Tools.Classification;

namespace DurableMcp.Tools.Documents;

/// <summary>Sample backlog documents for local walk-throughs: the held-out corpus, which the model was not trained on.</summary>
public static class SampleDocuments
{
    /// <summary>The texts.</summary>
    public static IReadOnlyList<string> All => DocumentClassifiers.LoadHeldOut().Select(d => d.Text).ToList();
}
