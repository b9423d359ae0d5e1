using System.Globalization;

namespace DurableMcp.Tools.Reports;

/// <summary>The outputs of <c>generate_report</c> (in the task's output folder) and how they are written.</summary>
internal static class ReportBlobs
{
    /// <summary>The HTML report's output name.</summary>
    public const string HtmlName = "report.html";

    /// <summary>The Markdown report's output name.</summary>
    public const string MarkdownName = "report.md";

    public const string HtmlType = "text/html";

    public const string MarkdownType = "text/markdown";

    /// <summary>
    /// The write buffer (and so block) size of the report's blobs: with 50,000 blocks a blob, up to 48 GiB fit, while a
    /// section being written holds only two such buffers (its HTML and Markdown parts) in memory.
    /// </summary>
    public const int BlockBytes = 1024 * 1024;

    /// <summary>Section <paramref name="number"/>'s part in one format, kept apart until the stitch: <c>parts/section-001.html</c>.</summary>
    public static string PartName(int number, string extension) => string.Create(CultureInfo.InvariantCulture, $"parts/section-{number:D3}.{extension}");

    /// <summary>The HTML id (and Markdown anchor) of section <paramref name="number"/>.</summary>
    public static string Anchor(int number) => string.Create(CultureInfo.InvariantCulture, $"section-{number}");
}
