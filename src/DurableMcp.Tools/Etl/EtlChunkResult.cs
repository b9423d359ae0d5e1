namespace DurableMcp.Tools.Etl;

/// <summary>What loading a chunk did; rows = loaded + rejected + filtered.</summary>
/// <param name="Rows">Rows read.</param>
/// <param name="Loaded">Rows upserted into the table.</param>
/// <param name="Rejected">Rows written to the reject part, with their reasons.</param>
/// <param name="Filtered">Rows the mapping's filter left out.</param>
public sealed record EtlChunkResult(long Rows, long Loaded, long Rejected, long Filtered);
