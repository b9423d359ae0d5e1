namespace DurableMcp.Tools.Reports;

/// <summary>One rendered section: what the stitch and the summary need, never the section itself (it is in its parts).</summary>
/// <param name="Index">Its position in the caller's list (0-based).</param>
/// <param name="SourceTaskId">The source task.</param>
/// <param name="Tool">The source's tool, when the source could be read.</param>
/// <param name="Title">The section's title.</param>
/// <param name="Rows">Table rows written.</param>
/// <param name="Counts">The source's headline counts (rows, loaded, rejected; documents; repositories...).</param>
/// <param name="HtmlBytes">The HTML part's size.</param>
/// <param name="MarkdownBytes">The Markdown part's size.</param>
/// <param name="Unavailable">Why the source could not be shown (its section says so); null when it was.</param>
/// <param name="Error">Why the section could not be rendered at all (no part: the stitch writes a note); null when it was.</param>
public sealed record ReportSectionResult(
    int Index,
    string SourceTaskId,
    string? Tool,
    string Title,
    long Rows,
    IReadOnlyDictionary<string, long> Counts,
    long HtmlBytes,
    long MarkdownBytes,
    string? Unavailable = null,
    string? Error = null)
{
    /// <summary>A section whose activity failed after its retries: no part, the report notes the error.</summary>
    public static ReportSectionResult Failed(int index, string sourceTaskId, string title, string error) =>
        new(index, sourceTaskId, null, title, 0, new Dictionary<string, long>(StringComparer.Ordinal), 0, 0, null, error);
}
