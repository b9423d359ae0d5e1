namespace DurableMcp.Tools.Etl;

/// <summary>A planned file: its rows, CSV header, chunks; or why it is skipped.</summary>
/// <param name="Name">The blob name.</param>
/// <param name="Rows">Data rows (CSV: without the header; blank lines are not rows).</param>
/// <param name="Header">The CSV header's field names; null for JSON Lines.</param>
/// <param name="Chunks">The chunks, in file order.</param>
/// <param name="Problem">Why the file is skipped (then it has no chunks), or null.</param>
public sealed record EtlFileScan(string Name, long Rows, IReadOnlyList<string>? Header, IReadOnlyList<EtlChunk> Chunks, string? Problem);
