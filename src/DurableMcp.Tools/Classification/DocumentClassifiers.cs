namespace DurableMcp.Tools.Classification;

/// <summary>
/// The shared classifier the tools use, trained once (on first use, thread-safely) from the embedded training
/// corpus, plus the embedded held-out set used to measure it.
/// </summary>
internal static class DocumentClassifiers
{
    private static readonly Lazy<NaiveBayesClassifier> _default = new(
        () => NaiveBayesClassifier.Train(CorpusReader.ReadEmbedded(CorpusReader.TrainingFileName)),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The classifier trained on the embedded training corpus.</summary>
    public static NaiveBayesClassifier Default => _default.Value;

    /// <summary>Reads the embedded held-out corpus (documents the default classifier was not trained on).</summary>
    public static IReadOnlyList<LabelledDocument> LoadHeldOut() => CorpusReader.ReadEmbedded(CorpusReader.HeldOutFileName);
}
