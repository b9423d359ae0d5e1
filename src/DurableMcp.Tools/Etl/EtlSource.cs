namespace DurableMcp.Tools.Etl;

/// <summary>A source file: its blob name, format (<c>csv</c> or <c>jsonl</c>) and size.</summary>
public sealed record EtlSource(string Name, string Format, long Bytes);
