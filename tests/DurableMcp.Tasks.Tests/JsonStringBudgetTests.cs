using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DurableMcp.Tasks.Outputs;
using ModelContextProtocol;

namespace DurableMcp.Tasks.Tests;

public sealed class JsonStringBudgetTests
{
    private static readonly JavaScriptEncoder SdkEncoder = McpJsonUtilities.DefaultOptions.Encoder ?? JavaScriptEncoder.Default;

    [Fact]
    public void Fit_PlainAscii_TakesExactlyTheBudget()
    {
        var text = Encoding.UTF8.GetBytes(new string('a', 5000));

        Assert.Equal(1024, JsonStringBudget.Fit(text, 1024, SdkEncoder));
        Assert.Equal(5000, JsonStringBudget.Fit(text, 5000, SdkEncoder));
        Assert.Equal(5000, JsonStringBudget.Fit(text, 9000, SdkEncoder));
    }

    [Fact]
    public void Fit_Markup_CountsSixBytesForEachEscapedCharacter()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("<&>", 1000)));

        Assert.Equal(170, JsonStringBudget.Fit(text, 1024, SdkEncoder));
    }

    [Theory]
    [InlineData("<td>caf\u00e9 &amp; cr\u00e8me</td>\n")]
    [InlineData("plain line of text, nothing escaped\n")]
    [InlineData("\"quoted\" \\ back\\slash\ttab\u0001\n")]
    [InlineData("\ud83d\ude80 emoji \u4e2d\u6587 mixed <b>\n")]
    public void Fit_AnyText_ItsPrefixSerializesWithinTheBudgetAndEndsBetweenCharacters(string line)
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(line, 400)));
        foreach (var budget in new[] { 1024, 1500, 4099, 20_000 })
        {
            var fit = JsonStringBudget.Fit(text, budget, SdkEncoder);
            var prefix = Encoding.UTF8.GetString(text.AsSpan(0, fit));

            Assert.DoesNotContain('\ufffd', prefix);
            Assert.True(JsonSerializer.Serialize(prefix, McpJsonUtilities.DefaultOptions).Length - 2 <= budget, $"{fit} bytes of '{line}' pass {budget}");
            Assert.True(fit == text.Length || fit > budget / 12, $"only {fit} bytes of '{line}' for {budget}");
        }
    }

    [Fact]
    public void Fit_InvalidUtf8_CountsEachBadByteAsAnEscapedReplacementCharacter()
    {
        byte[] text = [(byte)'a', 0xFF, 0xFE, (byte)'b'];

        Assert.Equal(4, JsonStringBudget.Fit(text, 14, SdkEncoder));
        Assert.Equal(2, JsonStringBudget.Fit(text, 12, SdkEncoder));
    }

    [Fact]
    public void Fit_EncoderThatPassesNonAscii_NeverSplitsACharacter()
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("\u00e9\u4e2d", 1000)));

        var fit = JsonStringBudget.Fit(text, 1024, JavaScriptEncoder.UnsafeRelaxedJsonEscaping);

        Assert.InRange(fit, 1020, 1024);
        Assert.DoesNotContain('\ufffd', Encoding.UTF8.GetString(text.AsSpan(0, fit)));
    }
}
