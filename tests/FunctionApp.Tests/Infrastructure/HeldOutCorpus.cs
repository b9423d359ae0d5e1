namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>The labelled held-out corpus the classifier was not trained on (copied next to the tests by the project file).</summary>
internal static class HeldOutCorpus
{
    public static IReadOnlyList<(string Category, string Text)> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Corpus", "heldout.tsv");
        return File.ReadLines(path)
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Length > 0)
            .Select(line => line.Split('\t', 2))
            .Select(parts => (parts[0], parts[1]))
            .ToList();
    }
}
