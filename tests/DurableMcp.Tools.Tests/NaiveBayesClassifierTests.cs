using DurableMcp.Tools.Classification;

namespace DurableMcp.Tools.Tests;

public class NaiveBayesClassifierTests
{
    [Fact]
    public void Train_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => NaiveBayesClassifier.Train(null!));
    }

    [Fact]
    public void Train_NoDocuments_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => NaiveBayesClassifier.Train([]));
    }

    [Fact]
    public void Train_BlankCategory_ThrowsArgumentException()
    {
        Assert.Throws<ArgumentException>(() => NaiveBayesClassifier.Train([new LabelledDocument(" ", "text")]));
    }

    [Fact]
    public void Train_EmbeddedCorpus_ExposesCategoriesInOrdinalOrder()
    {
        var classifier = TrainOnEmbeddedCorpus();

        Assert.Equal(["billing", "human_resources", "legal", "sales", "technical_support"], classifier.Categories);
        Assert.True(classifier.VocabularySize > 500);
    }

    [Fact]
    public void Classify_Null_ThrowsArgumentNullException()
    {
        var classifier = Toy(("a", "apple"));

        Assert.Throws<ArgumentNullException>(() => classifier.Classify(null!));
    }

    [Fact]
    public void Classify_ToyModel_MatchesHandComputedPosterior()
    {
        // Vocabulary {apple, banana, cherry}; P(apple|fruit) = (1+1)/(2+3), P(apple|stone) = (0+1)/(1+3), equal priors.
        var classifier = Toy(("fruit", "apple banana"), ("stone", "cherry"));

        var result = classifier.Classify("apple");

        Assert.Equal("fruit", result.Category);
        Assert.Equal(0.4 / (0.4 + 0.25), result.Confidence, 12);
        Assert.Equal(["apple"], result.KeyTerms);
    }

    [Fact]
    public void Classify_SameInputTwice_ReturnsIdenticalResults()
    {
        var classifier = TrainOnEmbeddedCorpus();
        const string text = "The invoice was charged twice to our card; please refund the duplicate payment.";

        var first = classifier.Classify(text);
        var second = classifier.Classify(text);

        AssertSame(first, second);
    }

    [Fact]
    public void Classify_IndependentlyTrainedInstances_ReturnIdenticalResults()
    {
        var first = TrainOnEmbeddedCorpus();
        var second = TrainOnEmbeddedCorpus();

        foreach (var document in DocumentClassifiers.LoadHeldOut())
        {
            AssertSame(first.Classify(document.Text), second.Classify(document.Text));
        }
    }

    [Fact]
    public void Classify_TrainingOrderShuffled_ReturnsIdenticalResults()
    {
        var training = CorpusReader.ReadEmbedded(CorpusReader.TrainingFileName);
        var shuffled = training.ToArray();
        new Random(20240611).Shuffle(shuffled);

        var ordered = NaiveBayesClassifier.Train(training);
        var reordered = NaiveBayesClassifier.Train(shuffled);

        foreach (var document in DocumentClassifiers.LoadHeldOut())
        {
            AssertSame(ordered.Classify(document.Text), reordered.Classify(document.Text));
        }
    }

    [Fact]
    public void Classify_AnyDocument_ConfidenceIsAProbabilityAtLeastUniform()
    {
        var classifier = TrainOnEmbeddedCorpus();

        foreach (var document in DocumentClassifiers.LoadHeldOut())
        {
            var confidence = classifier.Classify(document.Text).Confidence;
            Assert.InRange(confidence, 1.0 / classifier.Categories.Count, 1.0);
        }
    }

    [Fact]
    public void Classify_VeryLongDocument_ConfidenceStaysFinite()
    {
        var classifier = TrainOnEmbeddedCorpus();
        var text = string.Concat(Enumerable.Repeat("refund invoice payment charge server crash ", 5000));

        var result = classifier.Classify(text);

        Assert.True(double.IsFinite(result.Confidence));
        Assert.InRange(result.Confidence, 0.0, 1.0);
    }

    [Fact]
    public void Classify_AnyDocument_KeyTermsAreDistinctDocumentTokens()
    {
        var classifier = TrainOnEmbeddedCorpus();

        foreach (var document in DocumentClassifiers.LoadHeldOut())
        {
            var tokens = Tokenizer.Tokenize(document.Text);
            var keyTerms = classifier.Classify(document.Text).KeyTerms;

            Assert.InRange(keyTerms.Count, 0, NaiveBayesClassifier.MaxKeyTerms);
            Assert.Equal(keyTerms.Count, keyTerms.Distinct(StringComparer.Ordinal).Count());
            Assert.All(keyTerms, term => Assert.Contains(term, tokens));
        }
    }

    [Fact]
    public void Classify_ManyEvidenceTerms_ReturnsAtMostFiveKeyTerms()
    {
        var classifier = TrainOnEmbeddedCorpus();

        var result = classifier.Classify(
            "Invoice payment refund charge card receipt statement remittance balance overdue billing credit debit fee.");

        Assert.Equal("billing", result.Category);
        Assert.Equal(NaiveBayesClassifier.MaxKeyTerms, result.KeyTerms.Count);
    }

    [Fact]
    public void Classify_TermsWithDifferentWeight_OrdersKeyTermsByContribution()
    {
        // log-likelihood ratios for "a": alpha log((4/7)/(1/4)) = 0.83, beta log((2/7)/(1/4)) = 0.13 (twice: 0.27).
        var classifier = Toy(("a", "alpha alpha alpha beta"), ("b", "gamma"));

        var result = classifier.Classify("beta alpha beta");

        Assert.Equal("a", result.Category);
        Assert.Equal(["alpha", "beta"], result.KeyTerms);
    }

    [Fact]
    public void Classify_TermsWithEqualWeight_OrdersKeyTermsOrdinally()
    {
        var classifier = Toy(("a", "lime kiwi"), ("b", "plum"));

        var result = classifier.Classify("lime kiwi");

        Assert.Equal(["kiwi", "lime"], result.KeyTerms);
    }

    [Fact]
    public void Classify_TermFavouringRival_IsNotAKeyTerm()
    {
        var classifier = Toy(("a", "alpha alpha alpha"), ("b", "gamma"));

        var result = classifier.Classify("alpha alpha gamma");

        Assert.Equal("a", result.Category);
        Assert.Equal(["alpha"], result.KeyTerms);
    }

    [Fact]
    public void Classify_TiedCategories_PicksOrdinallySmallestName()
    {
        var classifier = Toy(("zulu", "shared words"), ("Zulu", "shared words"), ("alpha", "shared words"));

        var result = classifier.Classify("shared words");

        Assert.Equal("Zulu", result.Category);
        Assert.Equal(1.0 / 3, result.Confidence, 12);
        Assert.Empty(result.KeyTerms);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("The and of, to... a!")]
    [InlineData("xylophone quasar")]
    public void Classify_NoKnownTokens_ReturnsPriorMostLikelyCategory(string text)
    {
        var classifier = Toy(("legal", "contract"), ("billing", "invoice"), ("legal", "clause"), ("legal", "counsel"));

        var result = classifier.Classify(text);

        Assert.Equal("legal", result.Category);
        Assert.Equal(0.75, result.Confidence);
        Assert.Empty(result.KeyTerms);
    }

    [Fact]
    public void Classify_EmptyTextWithTiedPriors_PicksOrdinallySmallestName()
    {
        var classifier = Toy(("sales", "quote"), ("billing", "invoice"));

        var result = classifier.Classify(string.Empty);

        Assert.Equal("billing", result.Category);
        Assert.Equal(0.5, result.Confidence);
    }

    [Fact]
    public void Classify_SingleCategory_IsCertainWithoutKeyTerms()
    {
        var classifier = Toy(("only", "anything at all"));

        var result = classifier.Classify("anything");

        Assert.Equal("only", result.Category);
        Assert.Equal(1.0, result.Confidence);
        Assert.Empty(result.KeyTerms);
    }

    private static NaiveBayesClassifier TrainOnEmbeddedCorpus() =>
        NaiveBayesClassifier.Train(CorpusReader.ReadEmbedded(CorpusReader.TrainingFileName));

    private static NaiveBayesClassifier Toy(params (string Category, string Text)[] documents) =>
        NaiveBayesClassifier.Train(documents.Select(d => new LabelledDocument(d.Category, d.Text)));

    private static void AssertSame(DocumentClassification expected, DocumentClassification actual)
    {
        Assert.Equal(expected.Category, actual.Category);
        Assert.Equal(expected.Confidence, actual.Confidence);
        Assert.Equal(expected.KeyTerms, actual.KeyTerms);
    }
}
