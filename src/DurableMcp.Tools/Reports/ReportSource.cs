using System.ComponentModel;

namespace DurableMcp.Tools.Reports;

/// <summary>One earlier task whose outputs make a section of the report.</summary>
/// <param name="TaskId">The task: a completed run_etl, classify_documents or evaluate_repositories task of the caller.</param>
/// <param name="Title">The section's title; by default one made from the task's result.</param>
public sealed record ReportSource(
    [property: Description("The taskId of one of your completed run_etl, classify_documents or evaluate_repositories tasks.")]
    string? TaskId = null,
    [property: Description("The section's title (at most 200 characters); by default one made from the task's result, e.g. \"Load into table 'Orders'\".")]
    string? Title = null);
