namespace DurableMcp.Tools.Etl;

/// <summary>One chunk to load.</summary>
/// <param name="TaskId">The task (its reject part is written under the task's outputs).</param>
/// <param name="Part">The chunk's number in the whole job (names its reject part).</param>
/// <param name="Container">The source container.</param>
/// <param name="Table">The table loaded into.</param>
/// <param name="Chunk">The rows.</param>
/// <param name="Header">The file's CSV header (null for JSON Lines).</param>
/// <param name="Mapping">The mapping, checked before the task started.</param>
public sealed record LoadEtlChunkInput(string TaskId, int Part, string Container, string Table, EtlChunk Chunk, IReadOnlyList<string>? Header, EtlMapping Mapping);
