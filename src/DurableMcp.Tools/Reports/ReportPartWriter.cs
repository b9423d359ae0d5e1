using System.Globalization;

namespace DurableMcp.Tools.Reports;

/// <summary>
/// Writes one section of a report in both formats at once: the HTML fragment (a <c>&lt;section&gt;</c>) and the Markdown
/// text, to two writers (the section's part blobs). Everything a source task supplied is escaped here, once. Rows go
/// straight to the writers; a table of a million rows is never held in memory.
/// </summary>
internal sealed class ReportPartWriter(TextWriter html, TextWriter markdown)
{
    private int _columns;

    /// <summary>Table rows written so far.</summary>
    public long Rows { get; private set; }

    /// <summary>Opens section <paramref name="number"/> (1-based): its anchor, title and a line about its source.</summary>
    public async Task StartSectionAsync(int number, string title, string source)
    {
        var anchor = ReportBlobs.Anchor(number);
        await html.WriteAsync(string.Create(CultureInfo.InvariantCulture,
            $"<section id=\"{anchor}\">\n<h2>{number}. {HtmlText.Encode(title)}</h2>\n<p class=\"source\">{HtmlText.Encode(source)}</p>\n"));
        await markdown.WriteAsync(string.Create(CultureInfo.InvariantCulture,
            $"<a id=\"{anchor}\"></a>\n\n## {number}. {MarkdownText.Escape(title)}\n\n_{MarkdownText.Escape(source)}_\n\n"));
    }

    /// <summary>Closes the section.</summary>
    public async Task EndSectionAsync()
    {
        await html.WriteAsync("</section>\n");
        await markdown.WriteAsync("\n");
    }

    /// <summary>A sub-heading within the section.</summary>
    public async Task HeadingAsync(string text)
    {
        await html.WriteAsync($"<h3>{HtmlText.Encode(text)}</h3>\n");
        await markdown.WriteAsync($"### {MarkdownText.Escape(text)}\n\n");
    }

    /// <summary>A paragraph of plain text.</summary>
    public async Task ParagraphAsync(string text)
    {
        await html.WriteAsync($"<p>{HtmlText.Encode(text)}</p>\n");
        await markdown.WriteAsync($"{MarkdownText.Escape(text)}\n\n");
    }

    /// <summary>A two-column table of named values.</summary>
    public async Task FactsAsync(IEnumerable<(string Name, string Value)> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        await html.WriteAsync("<table class=\"facts\">\n");
        await markdown.WriteAsync("| | |\n|---|---|\n");
        foreach (var (name, value) in facts)
        {
            await html.WriteAsync($"<tr><th>{HtmlText.Encode(name)}</th><td>{HtmlText.Encode(value)}</td></tr>\n");
            await markdown.WriteAsync($"| {MarkdownText.Escape(name)} | {MarkdownText.Escape(value)} |\n");
        }

        await html.WriteAsync("</table>\n");
        await markdown.WriteAsync("\n");
    }

    /// <summary>Starts a table with these column headers; then <see cref="RowAsync"/> per row, and <see cref="EndTableAsync"/>.</summary>
    public async Task StartTableAsync(params string[] headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        _columns = headers.Length;
        await html.WriteAsync("<table>\n<thead><tr>");
        await markdown.WriteAsync("|");
        foreach (var header in headers)
        {
            await html.WriteAsync($"<th>{HtmlText.Encode(header)}</th>");
            await markdown.WriteAsync($" {MarkdownText.Escape(header)} |");
        }

        await html.WriteAsync("</tr></thead>\n<tbody>\n");
        await markdown.WriteAsync("\n|" + string.Concat(Enumerable.Repeat("---|", headers.Length)) + "\n");
    }

    /// <summary>One row of the open table (as many cells as headers; a missing value is an empty cell).</summary>
    public async Task RowAsync(params string?[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        if (cells.Length != _columns)
        {
            throw new ArgumentException($"The table has {_columns} columns, not {cells.Length}.", nameof(cells));
        }

        await html.WriteAsync("<tr>");
        await markdown.WriteAsync("|");
        foreach (var cell in cells)
        {
            await html.WriteAsync($"<td>{HtmlText.Encode(cell)}</td>");
            await markdown.WriteAsync($" {MarkdownText.Escape(cell)} |");
        }

        await html.WriteAsync("</tr>\n");
        await markdown.WriteAsync("\n");
        Rows++;
    }

    /// <summary>Closes the open table.</summary>
    public async Task EndTableAsync()
    {
        await html.WriteAsync("</tbody>\n</table>\n");
        await markdown.WriteAsync("\n");
        _columns = 0;
    }
}
