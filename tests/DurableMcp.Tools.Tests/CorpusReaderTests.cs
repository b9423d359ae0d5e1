using DurableMcp.Tools.Classification;

namespace DurableMcp.Tools.Tests;

public class CorpusReaderTests
{
    private static readonly string[] _expectedCategories = ["billing", "human_resources", "legal", "sales", "technical_support"];

    [Fact]
    public void Read_WellFormedLines_ReturnsDocumentsInFileOrder()
    {
        using var reader = new StringReader("billing\tPlease refund the charge.\nlegal\tReview the NDA, please.\n");

        var documents = CorpusReader.Read(reader);

        Assert.Equal(
            [new LabelledDocument("billing", "Please refund the charge."), new LabelledDocument("legal", "Review the NDA, please.")],
            documents);
    }

    [Fact]
    public void Read_BlankLinesAndCarriageReturns_AreSkippedAndTrimmed()
    {
        using var reader = new StringReader("\r\nsales\t Send the quote. \r\n   \r\n");

        var document = Assert.Single(CorpusReader.Read(reader));

        Assert.Equal(new LabelledDocument("sales", "Send the quote."), document);
    }

    [Theory]
    [InlineData("billing without a tab")]
    [InlineData("\tText with no category")]
    [InlineData("billing\t   ")]
    [InlineData("billing\tone\ttoo many fields")]
    [InlineData("two words\tCategory with a space")]
    public void Read_MalformedLine_ThrowsFormatExceptionNamingTheLine(string badLine)
    {
        using var reader = new StringReader($"legal\tFine line.\n\nsales\tAnother fine line.\n{badLine}\nbilling\tNever reached.\n");

        var exception = Assert.Throws<FormatException>(() => CorpusReader.Read(reader));

        Assert.Contains("line 4", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NullReader_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => CorpusReader.Read(null!));
    }

    [Fact]
    public void ReadEmbedded_TrainingCorpus_HasFortyDocumentsPerCategory()
    {
        var documents = CorpusReader.ReadEmbedded(CorpusReader.TrainingFileName);

        var counts = documents.CountBy(d => d.Category).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(_expectedCategories, counts.Select(p => p.Key));
        Assert.All(counts, p => Assert.Equal(40, p.Value));
    }

    [Fact]
    public void ReadEmbedded_HeldOutCorpus_HasTwelveDocumentsPerCategory()
    {
        var documents = DocumentClassifiers.LoadHeldOut();

        var counts = documents.CountBy(d => d.Category).OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(_expectedCategories, counts.Select(p => p.Key));
        Assert.All(counts, p => Assert.Equal(12, p.Value));
    }

    [Fact]
    public void ReadEmbedded_HeldOutCorpus_SharesNoNearDuplicateWithTraining()
    {
        var training = CorpusReader.ReadEmbedded(CorpusReader.TrainingFileName)
            .Select(d => Tokenizer.Tokenize(d.Text).ToHashSet(StringComparer.Ordinal))
            .ToList();

        foreach (var heldOut in DocumentClassifiers.LoadHeldOut())
        {
            var tokens = Tokenizer.Tokenize(heldOut.Text).ToHashSet(StringComparer.Ordinal);
            var closest = training.Max(t => Jaccard(tokens, t));
            Assert.True(closest < 0.5, $"Held-out document looks like a training paraphrase ({closest:F2}): {heldOut.Text}");
        }
    }

    [Fact]
    public void ReadEmbedded_UnknownName_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => CorpusReader.ReadEmbedded("missing.tsv"));
    }

    private static double Jaccard(HashSet<string> x, HashSet<string> y) =>
        x.Count + y.Count == 0 ? 0 : (double)x.Intersect(y, StringComparer.Ordinal).Count() / x.Union(y, StringComparer.Ordinal).Count();
}
