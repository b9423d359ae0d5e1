namespace DurableMcp.Tools.Etl;

/// <summary>One file's share of a run, in the summary output.</summary>
public sealed record EtlFileSummary(string Name, long Rows, int Chunks, long Loaded, long Rejected, long Filtered);
