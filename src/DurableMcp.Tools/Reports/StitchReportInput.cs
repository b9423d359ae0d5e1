namespace DurableMcp.Tools.Reports;

/// <summary>The report to stitch from its sections' parts.</summary>
/// <param name="TaskId">The report's task.</param>
/// <param name="Title">The report's title.</param>
/// <param name="GeneratedAt">When the report was generated (the orchestration's time, so a rerun writes the same header).</param>
/// <param name="Sections">Every section, in the caller's order.</param>
public sealed record StitchReportInput(string TaskId, string Title, DateTimeOffset GeneratedAt, IReadOnlyList<ReportSectionResult> Sections);
