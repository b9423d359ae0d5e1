using System.Globalization;
using System.Text;

namespace DurableMcp.Tools.Reports;

/// <summary>
/// The frame around the sections: the header with the table of contents, and the footer, in both formats; and the note
/// that stands in for a section whose rendering failed. Small (one line per section), so built as strings; the sections
/// themselves are copied from their parts between header and footer.
/// </summary>
internal static class ReportDocument
{
    private const string Style =
        "body{font-family:system-ui,sans-serif;margin:2rem;line-height:1.4}table{border-collapse:collapse;margin:0 0 1rem}" +
        "th,td{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}thead th{background:#f3f3f3}" +
        ".facts th{background:#fafafa}.source,.note,footer{color:#555}.problem{color:#a00}";

    public static string HtmlHeader(StitchReportInput report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var title = HtmlText.Encode(report.Title);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>{title}</title>\n<style>{Style}</style>\n</head>\n<body>\n");
        text.Append(CultureInfo.InvariantCulture, $"<header>\n<h1>{title}</h1>\n<p class=\"note\">{HtmlText.Encode(Subtitle(report))}</p>\n</header>\n");
        text.Append("<nav>\n<h2>Contents</h2>\n<ol>\n");
        foreach (var section in report.Sections)
        {
            var number = section.Index + 1;
            text.Append(CultureInfo.InvariantCulture, $"<li><a href=\"#{ReportBlobs.Anchor(number)}\">{HtmlText.Encode(section.Title)}</a> <span class=\"note\">{HtmlText.Encode(Line(section))}</span></li>\n");
        }

        text.Append("</ol>\n</nav>\n<main>\n");
        return text.ToString();
    }

    public static string HtmlFooter(StitchReportInput report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"</main>\n<footer>\n<p>{HtmlText.Encode(Footer(report))}</p>\n</footer>\n</body>\n</html>\n";
    }

    public static string MarkdownHeader(StitchReportInput report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# {MarkdownText.Escape(report.Title)}\n\n_{MarkdownText.Escape(Subtitle(report))}_\n\n## Contents\n\n");
        foreach (var section in report.Sections)
        {
            var number = section.Index + 1;
            text.Append(CultureInfo.InvariantCulture, $"{number}. [{MarkdownText.Escape(section.Title)}](#{ReportBlobs.Anchor(number)}) {MarkdownText.Escape(Line(section))}\n");
        }

        text.Append('\n');
        return text.ToString();
    }

    public static string MarkdownFooter(StitchReportInput report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return $"---\n\n_{MarkdownText.Escape(Footer(report))}_\n";
    }

    /// <summary>The HTML that stands in for a section whose rendering failed.</summary>
    public static string HtmlFailedSection(ReportSectionResult section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var number = section.Index + 1;
        return string.Create(CultureInfo.InvariantCulture,
            $"<section id=\"{ReportBlobs.Anchor(number)}\">\n<h2>{number}. {HtmlText.Encode(section.Title)}</h2>\n<p class=\"problem\">{HtmlText.Encode(FailedText(section))}</p>\n</section>\n");
    }

    /// <summary>The Markdown that stands in for a section whose rendering failed.</summary>
    public static string MarkdownFailedSection(ReportSectionResult section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var number = section.Index + 1;
        return string.Create(CultureInfo.InvariantCulture,
            $"<a id=\"{ReportBlobs.Anchor(number)}\"></a>\n\n## {number}. {MarkdownText.Escape(section.Title)}\n\n**{MarkdownText.Escape(FailedText(section))}**\n\n");
    }

    private static string Subtitle(StitchReportInput report) => string.Create(CultureInfo.InvariantCulture,
        $"Generated {report.GeneratedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC from {report.Sections.Count} source task(s).");

    private static string Footer(StitchReportInput report) => $"Report task {report.TaskId}. Each section shows the outputs of its source task as they were when the section was rendered.";

    private static string FailedText(ReportSectionResult section) => $"This section could not be rendered from task {section.SourceTaskId}: {section.Error}";

    /// <summary>The table of contents' note on a section: its source and size, or why it is not shown.</summary>
    private static string Line(ReportSectionResult section) =>
        section.Error is not null ? "(could not be rendered)"
        : section.Unavailable is not null ? "(source unavailable)"
        : string.Create(CultureInfo.InvariantCulture, $"({section.Tool}, {section.Rows:N0} rows)");
}
