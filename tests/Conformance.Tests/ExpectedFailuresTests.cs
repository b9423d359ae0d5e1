using DurableMcp.Conformance.Tests.Infrastructure;

namespace DurableMcp.Conformance.Tests;

/// <summary>Reading the baselines' plain YAML: entries, per-check entries and the reason of each.</summary>
public sealed class ExpectedFailuresTests
{
    [Fact]
    public void Parse_TrailingAndGroupComments_GiveEachEntryItsReason()
    {
        const string Text = """
            # The header says what the file is; it is nobody's reason.
            server:
              # No prompts are served.
              - prompts-list
              - 'prompts-get-simple'

              - tools-call-image:tools-call-image-content  # no image tool
              - resources-list
            """;

        var entries = ExpectedFailures.Parse("test.yaml", Text).Entries;

        Assert.Equal(["prompts-list", "prompts-get-simple", "tools-call-image:tools-call-image-content", "resources-list"], entries.Select(e => e.ToString()));
        Assert.Equal(["No prompts are served.", "No prompts are served.", "no image tool", ""], entries.Select(e => e.Reason));
        Assert.Equal("tools-call-image-content", entries[2].CheckId);
        Assert.Equal(7, entries[2].Line);
    }

    [Fact]
    public void Parse_OtherShape_FormatExceptionWithLine()
    {
        var error = Assert.Throws<FormatException>(() => ExpectedFailures.Parse("test.yaml", "server:\n  - ping\nclient:\n  - initialize\n"));

        Assert.StartsWith("test.yaml:3:", error.Message, StringComparison.Ordinal);
    }
}
