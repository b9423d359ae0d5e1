namespace DurableMcp.Tools.Repositories;

/// <summary>The sizes of the written outputs, for their resource links.</summary>
public sealed record RepositoryReportSizes(long TableBytes, long RankingBytes);
