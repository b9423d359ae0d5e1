namespace DurableMcp.Tools.Etl;

/// <summary>A source file <c>run_etl</c> did not load, and why.</summary>
public sealed record EtlSkippedFile(string Name, string Reason);
