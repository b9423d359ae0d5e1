using System.Text;

namespace DurableMcp.Tools.Classification;

/// <summary>
/// Reads a labelled corpus: one document per line as <c>category&lt;TAB&gt;text</c>, no header. Blank lines are
/// skipped; any other line that does not have exactly that shape is rejected with its (1-based) line number, so a
/// typo in the corpus fails loudly instead of silently training on a wrong label.
/// </summary>
internal static class CorpusReader
{
    /// <summary>File name of the embedded training corpus.</summary>
    public const string TrainingFileName = "train.tsv";

    /// <summary>File name of the embedded held-out (evaluation) corpus; never used for training.</summary>
    public const string HeldOutFileName = "heldout.tsv";

    // Must match the LogicalName given to Classification/Corpus/*.tsv in DurableMcp.Tools.csproj.
    private const string ResourcePrefix = "DurableMcp.Tools.Corpus.";

    /// <summary>Reads a corpus embedded in this assembly, e.g. <see cref="TrainingFileName"/>.</summary>
    /// <exception cref="ArgumentException">There is no embedded corpus called <paramref name="fileName"/>.</exception>
    /// <exception cref="FormatException">A line is malformed; the message names the line.</exception>
    public static IReadOnlyList<LabelledDocument> ReadEmbedded(string fileName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);

        using var stream = typeof(CorpusReader).Assembly.GetManifestResourceStream(ResourcePrefix + fileName)
            ?? throw new ArgumentException($"No embedded corpus named '{fileName}'.", nameof(fileName));
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(reader);
    }

    /// <summary>Reads every document from <paramref name="reader"/>, in file order.</summary>
    /// <exception cref="FormatException">A line is malformed; the message names the line.</exception>
    public static IReadOnlyList<LabelledDocument> Read(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);

        var documents = new List<LabelledDocument>();
        var lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                documents.Add(ParseLine(line, lineNumber));
            }
        }

        return documents;
    }

    private static LabelledDocument ParseLine(string line, int lineNumber)
    {
        var tab = line.IndexOf('\t', StringComparison.Ordinal);
        if (tab < 0)
        {
            throw Malformed(lineNumber, "expected 'category<TAB>text' but found no tab");
        }

        if (line.IndexOf('\t', tab + 1) >= 0)
        {
            throw Malformed(lineNumber, "expected exactly two tab-separated fields");
        }

        var category = line.AsSpan(0, tab).Trim();
        var text = line.AsSpan(tab + 1).Trim();
        if (category.IsEmpty)
        {
            throw Malformed(lineNumber, "the category is empty");
        }

        if (ContainsWhiteSpace(category))
        {
            throw Malformed(lineNumber, "the category must be a single word");
        }

        if (text.IsEmpty)
        {
            throw Malformed(lineNumber, "the text is empty");
        }

        return new LabelledDocument(category.ToString(), text.ToString());
    }

    private static bool ContainsWhiteSpace(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (char.IsWhiteSpace(c))
            {
                return true;
            }
        }

        return false;
    }

    private static FormatException Malformed(int lineNumber, string reason) =>
        new($"Malformed corpus line {lineNumber}: {reason}.");
}
