namespace DurableMcp.Tools.Etl;

/// <summary>The result of <c>run_etl</c> (its structured content); the full per-file detail is in the summary output.</summary>
/// <param name="Table">The table loaded into.</param>
/// <param name="TableChoice">new (the table held no rows), replace, append, or cancel (nothing loaded).</param>
/// <param name="Files">Source files read.</param>
/// <param name="Rows">Source rows read.</param>
/// <param name="Loaded">Rows upserted into the table.</param>
/// <param name="Rejected">Rows refused (each in the reject file with its reason).</param>
/// <param name="Filtered">Rows the filter left out.</param>
/// <param name="Deleted">Rows deleted from the table first (replace).</param>
/// <param name="SkippedFiles">Files not read, and why.</param>
/// <param name="Outputs">URIs of the output files (resources/read): summary, and rejects when there are any.</param>
public sealed record EtlSummary(
    string Table,
    string TableChoice,
    int Files,
    long Rows,
    long Loaded,
    long Rejected,
    long Filtered,
    long Deleted,
    IReadOnlyList<EtlSkippedFile> SkippedFiles,
    IReadOnlyDictionary<string, string> Outputs);
