namespace DurableMcp.Tools.Etl;

/// <summary>The files under the prefix that <c>run_etl</c> reads, sorted by name, and how many others it skips.</summary>
public sealed record EtlSourceList(IReadOnlyList<EtlSource> Sources, int Skipped);
