namespace DurableMcp.Tools.Etl;

/// <summary>Where <c>run_etl</c> reads: a container and a blob name prefix.</summary>
public sealed record ListEtlSourcesInput(string Container, string Prefix);
