namespace DurableMcp.Tools.Etl;

/// <summary>One file to plan: split into chunks of <paramref name="ChunkRows"/> rows.</summary>
/// <param name="Container">The source container.</param>
/// <param name="Source">The file.</param>
/// <param name="ChunkRows">Rows per chunk.</param>
/// <param name="RequiredFields">Source fields a CSV header must have (of required columns); without them the file is skipped.</param>
public sealed record ScanEtlFileInput(string Container, EtlSource Source, int ChunkRows, IReadOnlyList<string> RequiredFields);
