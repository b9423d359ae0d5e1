namespace DurableMcp.Tools.Reports;

/// <summary>The parts to delete once the report is stitched.</summary>
/// <param name="TaskId">The report's task.</param>
/// <param name="Sections">How many sections there were (parts 1..Sections, those that exist).</param>
public sealed record DeleteReportPartsInput(string TaskId, int Sections);
