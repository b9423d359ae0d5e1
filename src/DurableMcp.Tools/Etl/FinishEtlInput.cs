namespace DurableMcp.Tools.Etl;

/// <summary>The end of a run: merge the reject parts, write the summary output.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Parts">How many chunks there were (reject parts 0..Parts-1, those that exist).</param>
/// <param name="Summary">The run's summary.</param>
/// <param name="Files">Per-file detail.</param>
public sealed record FinishEtlInput(string TaskId, int Parts, EtlSummary Summary, IReadOnlyList<EtlFileSummary> Files);
