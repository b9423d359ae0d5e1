using DurableMcp.Tools.Classification;

namespace DurableMcp.Tools.Tests;

public class TokenizerTests
{
    [Fact]
    public void Tokenize_MixedCaseAndPunctuation_LowercasesAndSplitsOnNonAlphanumerics()
    {
        var tokens = Tokenizer.Tokenize("Invoice#42 was DECLINED; retry-payment (ASAP)!");

        Assert.Equal(["invoice", "42", "declined", "retry", "payment", "asap"], tokens);
    }

    [Fact]
    public void Tokenize_SingleCharacterTokens_AreDropped()
    {
        var tokens = Tokenizer.Tokenize("a b c x1 7 z");

        Assert.Equal(["x1"], tokens);
    }

    [Fact]
    public void Tokenize_StopWords_AreDropped()
    {
        var tokens = Tokenizer.Tokenize("The refund and THE credit are for our account");

        Assert.Equal(["refund", "credit", "account"], tokens);
    }

    [Fact]
    public void Tokenize_RepeatedWords_KeepsEveryOccurrenceInOrder()
    {
        var tokens = Tokenizer.Tokenize("error, Error, ERROR: server");

        Assert.Equal(["error", "error", "error", "server"], tokens);
    }

    [Fact]
    public void Tokenize_ContractionTails_AreDropped()
    {
        var tokens = Tokenizer.Tokenize("We can't log in and it doesn't work");

        Assert.Equal(["log", "work"], tokens);
    }

    [Fact]
    public void Tokenize_NonAsciiLetters_AreKeptAndLowercased()
    {
        var tokens = Tokenizer.Tokenize("Größe ÉCOLE naïve");

        Assert.Equal(["größe", "école", "naïve"], tokens);
    }

    [Fact]
    public void Tokenize_TokenLongerThanStackBuffer_IsLowercasedAndKept()
    {
        var longWord = new string('Q', 200);

        var tokens = Tokenizer.Tokenize($"start {longWord} end");

        Assert.Equal(["start", new string('q', 200), "end"], tokens);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \t\r\n ")]
    [InlineData("--- !!! ... ;;")]
    [InlineData("the and of to a I")]
    public void Tokenize_NothingMeaningful_ReturnsEmpty(string text)
    {
        Assert.Empty(Tokenizer.Tokenize(text));
    }

    [Fact]
    public void Tokenize_SameInputTwice_ReturnsEqualSequences()
    {
        const string text = "Please reset the MFA device for user jlee; she replaced her phone.";

        Assert.Equal(Tokenizer.Tokenize(text), Tokenizer.Tokenize(text));
    }

    [Fact]
    public void Tokenize_Null_ThrowsArgumentNullException()
    {
        Assert.Throws<ArgumentNullException>(() => Tokenizer.Tokenize(null!));
    }

    [Theory]
    [InlineData("the", true)]
    [InlineData("would", true)]
    [InlineData("invoice", false)]
    [InlineData("The", false)]
    public void IsStopWord_Token_MatchesBuiltInLowercaseList(string token, bool expected)
    {
        Assert.Equal(expected, Tokenizer.IsStopWord(token));
    }
}
