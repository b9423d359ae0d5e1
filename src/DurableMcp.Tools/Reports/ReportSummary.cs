namespace DurableMcp.Tools.Reports;

/// <summary>The result of <c>generate_report</c> (its structured content); the report itself is in its outputs.</summary>
/// <param name="Title">The report's title.</param>
/// <param name="Sections">Sections in the report (one per source).</param>
/// <param name="Reported">Sections that show their source.</param>
/// <param name="Unavailable">Sections whose source could not be shown (each says why).</param>
/// <param name="HtmlBytes">The HTML report's size.</param>
/// <param name="MarkdownBytes">The Markdown report's size.</param>
/// <param name="Contents">Every section, in order.</param>
/// <param name="Outputs">URIs of the reports (resources/read): html and markdown.</param>
public sealed record ReportSummary(
    string Title,
    int Sections,
    int Reported,
    int Unavailable,
    long HtmlBytes,
    long MarkdownBytes,
    IReadOnlyList<ReportSectionSummary> Contents,
    IReadOnlyDictionary<string, string> Outputs);
