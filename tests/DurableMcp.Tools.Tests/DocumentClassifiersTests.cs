using System.Diagnostics;
using System.Globalization;
using DurableMcp.Tools.Classification;
using Xunit.Abstractions;

namespace DurableMcp.Tools.Tests;

public class DocumentClassifiersTests(ITestOutputHelper output)
{
    private const double RequiredHeldOutAccuracy = 0.85;

    [Fact]
    public void Default_AccessedTwice_ReturnsSameInstance()
    {
        Assert.Same(DocumentClassifiers.Default, DocumentClassifiers.Default);
    }

    [Fact]
    public void Default_HeldOutSet_AccuracyAtLeastEightyFivePercent()
    {
        var classifier = DocumentClassifiers.Default;
        var heldOut = DocumentClassifiers.LoadHeldOut();

        var correct = 0;
        foreach (var document in heldOut)
        {
            var result = classifier.Classify(document.Text);
            if (string.Equals(result.Category, document.Category, StringComparison.Ordinal))
            {
                correct++;
            }
            else
            {
                output.WriteLine(string.Create(
                    CultureInfo.InvariantCulture,
                    $"MISS expected {document.Category}, got {result.Category} ({result.Confidence:F3}; {string.Join(", ", result.KeyTerms)}): {document.Text}"));
            }
        }

        var accuracy = (double)correct / heldOut.Count;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Held-out accuracy: {correct}/{heldOut.Count} = {accuracy:P1}"));
        Assert.True(accuracy >= RequiredHeldOutAccuracy, $"Held-out accuracy {accuracy:P1} is below {RequiredHeldOutAccuracy:P0}.");
    }

    [Theory]
    [InlineData("billing", "Please refund the duplicate charge on our last invoice.")]
    [InlineData("billing", "Our payment is overdue because the invoice went to the wrong address.")]
    [InlineData("technical_support", "The app crashes with an error every time I try to log in.")]
    [InlineData("technical_support", "The server is down and the API requests time out.")]
    [InlineData("legal", "Counsel must review the indemnity clause in the agreement before signing.")]
    [InlineData("legal", "We received a subpoena and need to preserve the relevant records.")]
    [InlineData("human_resources", "I want to book annual leave and check how many vacation days I have left.")]
    [InlineData("human_resources", "Please prepare the offer letter for the new hire starting on Monday.")]
    [InlineData("sales", "The prospect wants a demo and a quote before the end of the quarter.")]
    [InlineData("sales", "Let's update the pipeline forecast for the deals closing this month.")]
    public void Default_ClearExample_ClassifiedIntoExpectedCategory(string expected, string text)
    {
        var result = DocumentClassifiers.Default.Classify(text);

        Assert.Equal(expected, result.Category);
        Assert.NotEmpty(result.KeyTerms);
    }

    [Fact]
    public void Default_ConcurrentCalls_MatchSequentialResults()
    {
        var texts = DocumentClassifiers.LoadHeldOut().Select(d => d.Text).ToArray();
        var sequential = texts.Select(DocumentClassifiers.Default.Classify).ToArray();

        var concurrent = new DocumentClassification[texts.Length];
        Parallel.For(0, texts.Length, i => concurrent[i] = DocumentClassifiers.Default.Classify(texts[i]));

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.Equal(sequential[i].Category, concurrent[i].Category);
            Assert.Equal(sequential[i].Confidence, concurrent[i].Confidence);
            Assert.Equal(sequential[i].KeyTerms, concurrent[i].KeyTerms);
        }
    }

    [Fact]
    public void Default_TwoKilobyteDocument_ClassifiesWellUnderAMillisecond()
    {
        var classifier = DocumentClassifiers.Default;
        var text = string.Join(' ', DocumentClassifiers.LoadHeldOut().Select(d => d.Text))[..2048];
        for (var i = 0; i < 50; i++)
        {
            classifier.Classify(text);
        }

        const int iterations = 500;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < iterations; i++)
        {
            classifier.Classify(text);
        }

        stopwatch.Stop();
        var microseconds = stopwatch.Elapsed.TotalMicroseconds / iterations;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Mean classification time for a 2 KB document: {microseconds:F1} µs"));
        Assert.True(microseconds < 1000, $"Classifying 2 KB took {microseconds:F1} µs on average.");
    }
}
