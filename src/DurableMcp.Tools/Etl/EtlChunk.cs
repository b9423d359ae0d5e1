namespace DurableMcp.Tools.Etl;

/// <summary>
/// A run of whole rows of one file: bytes [<paramref name="Start"/>, <paramref name="End"/>), both on record boundaries
/// found by the planner, so a chunk is read with one ranged download and parsed on its own.
/// </summary>
/// <param name="File">The blob name.</param>
/// <param name="Format">csv or jsonl.</param>
/// <param name="Start">Byte offset of the chunk's first row.</param>
/// <param name="End">Byte offset just after its last row.</param>
/// <param name="FirstRow">The file-wide number of its first row (1 = the first data row).</param>
/// <param name="Rows">How many rows it holds.</param>
/// <param name="ETag">The version of the file that was planned: a chunk of a file changed since is not loaded.</param>
public sealed record EtlChunk(string File, string Format, long Start, long End, long FirstRow, int Rows, string ETag);
