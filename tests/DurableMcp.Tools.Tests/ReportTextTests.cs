using DurableMcp.Tools.Reports;

namespace DurableMcp.Tools.Tests;

/// <summary>
/// What a source task supplied (file names, rejected records, titles) is text in the report, never markup: HTML encoded,
/// Markdown escaped and kept on one line, in every place the writers put it.
/// </summary>
public sealed class ReportTextTests
{
    private const string Hostile = "<script>alert('x')</script> & \"q\" | *b* _i_ `c` [l](u) #h\r\nnext\tline";

    [Fact]
    public void HtmlEncode_MarkupAndQuotes_EncodedOtherUnicodeKept()
    {
        Assert.Equal("&lt;b&gt;a &amp; &quot;b&quot; &#x27;c&#x27;&lt;/b&gt; Zürich 東京", HtmlText.Encode("<b>a & \"b\" 'c'</b> Zürich 東京"));
        Assert.Equal("", HtmlText.Encode(null));
    }

    [Fact]
    public void MarkdownEscape_PunctuationEscapedBreaksBecomeSpaces()
    {
        Assert.Equal("\\<script\\>alert('x')\\</script\\> \\& \"q\" \\| \\*b\\* \\_i\\_ \\`c\\` \\[l\\](u) \\#h next line", MarkdownText.Escape(Hostile));
        Assert.Equal("plain text, 12.5%", MarkdownText.Escape("plain text, 12.5%"));
        Assert.Equal("a b c", MarkdownText.Escape("a\nb\rc"));
    }

    [Fact]
    public async Task PartWriter_HostileCells_NoMarkupInHtmlAndOneRowPerLineInMarkdown()
    {
        using var html = new StringWriter();
        using var markdown = new StringWriter();
        var writer = new ReportPartWriter(html, markdown);

        await writer.StartSectionAsync(3, "Title <b>|", "Source: run_etl task t");
        await writer.FactsAsync([("Rows | read", "1,000")]);
        await writer.StartTableAsync("File", "Record");
        await writer.RowAsync("a.csv", Hostile);
        await writer.RowAsync("b.csv", null);
        await writer.EndTableAsync();
        await writer.EndSectionAsync();

        Assert.Equal(2, writer.Rows);
        var page = html.ToString();
        Assert.DoesNotContain("<script>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", page, StringComparison.Ordinal);
        Assert.StartsWith("<section id=\"section-3\">\n<h2>3. Title &lt;b&gt;|</h2>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>a.csv</td><td>&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; &amp; &quot;q&quot; | *b* _i_ `c` [l](u) #h&#xD;&#xA;next&#x9;line</td></tr>", page, StringComparison.Ordinal);
        Assert.Contains("<tr><td>b.csv</td><td></td></tr>", page, StringComparison.Ordinal);

        var lines = markdown.ToString().Split('\n');
        Assert.Contains("## 3. Title \\<b\\>\\|", lines);
        Assert.Contains("| Rows \\| read | 1,000 |", lines);
        Assert.Contains("| File | Record |", lines);
        Assert.Contains("|---|---|", lines);
        var row = Assert.Single(lines, l => l.StartsWith("| a.csv |", StringComparison.Ordinal));
        Assert.Equal(3, row.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|'));
        Assert.Contains("| b.csv |  |", lines);
    }

    [Fact]
    public async Task PartWriter_RowOfTheWrongWidth_Refused()
    {
        var writer = new ReportPartWriter(TextWriter.Null, TextWriter.Null);
        await writer.StartTableAsync("A", "B");

        await Assert.ThrowsAsync<ArgumentException>(() => writer.RowAsync("only one"));
    }

    [Fact]
    public void Document_HeaderAndFooter_TitlesEscapedContentsLinkEverySectionFailedOneNoted()
    {
        var report = new StitchReportInput("task-1", "Q3 <report> | draft", new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero),
        [
            new ReportSectionResult(0, "s1", "run_etl", "Orders & returns", 12, new Dictionary<string, long>(), 100, 80),
            ReportSectionResult.Failed(1, "s2", "Task s2", "failed 3 times, last: <boom>"),
        ]);

        var html = ReportDocument.HtmlHeader(report) + ReportDocument.HtmlFailedSection(report.Sections[1]) + ReportDocument.HtmlFooter(report);
        var markdown = ReportDocument.MarkdownHeader(report) + ReportDocument.MarkdownFailedSection(report.Sections[1]) + ReportDocument.MarkdownFooter(report);

        Assert.Contains("<title>Q3 &lt;report&gt; | draft</title>", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#section-1\">Orders &amp; returns</a> <span class=\"note\">(run_etl, 12 rows)</span></li>", html, StringComparison.Ordinal);
        Assert.Contains("<li><a href=\"#section-2\">Task s2</a> <span class=\"note\">(could not be rendered)</span></li>", html, StringComparison.Ordinal);
        Assert.Contains("<section id=\"section-2\">", html, StringComparison.Ordinal);
        Assert.Contains("failed 3 times, last: &lt;boom&gt;", html, StringComparison.Ordinal);
        Assert.Contains("Generated 2026-12-01 09:30 UTC from 2 source task(s).", html, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", html, StringComparison.Ordinal);

        Assert.StartsWith("# Q3 \\<report\\> \\| draft\n", markdown, StringComparison.Ordinal);
        Assert.Contains("1. [Orders \\& returns](#section-1) (run\\_etl, 12 rows)\n", markdown, StringComparison.Ordinal);
        Assert.Contains("**This section could not be rendered from task s2: failed 3 times, last: \\<boom\\>**", markdown, StringComparison.Ordinal);
    }
}
