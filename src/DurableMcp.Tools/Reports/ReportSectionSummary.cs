namespace DurableMcp.Tools.Reports;

/// <summary>One section in the result of <c>generate_report</c>.</summary>
/// <param name="Number">Its number in the report (1-based).</param>
/// <param name="Title">Its title.</param>
/// <param name="TaskId">The source task.</param>
/// <param name="Tool">The source's tool (null when the source could not be read).</param>
/// <param name="Rows">Table rows in the section.</param>
/// <param name="Counts">The source's headline counts.</param>
/// <param name="Problem">Why the source is not shown in full (unavailable, or the section failed); null when it is.</param>
public sealed record ReportSectionSummary(int Number, string Title, string TaskId, string? Tool, long Rows, IReadOnlyDictionary<string, long> Counts, string? Problem);
