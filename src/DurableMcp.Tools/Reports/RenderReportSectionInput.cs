namespace DurableMcp.Tools.Reports;

/// <summary>One section to render.</summary>
/// <param name="TaskId">The report's task (its owner is the one the source is read for; its folder holds the part).</param>
/// <param name="Index">The section's position in the caller's list (0-based).</param>
/// <param name="SourceTaskId">The source task.</param>
/// <param name="Title">The caller's title for the section, if any.</param>
public sealed record RenderReportSectionInput(string TaskId, int Index, string SourceTaskId, string? Title);
