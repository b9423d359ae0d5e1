namespace DurableMcp.Tools.Repositories;

/// <summary>A place in the ranking.</summary>
/// <param name="Rank">1 for the best.</param>
/// <param name="Repository">Its URL, or <c>blob:{container}/{blob}</c>.</param>
/// <param name="Score">0-100.</param>
public sealed record RepositoryRank(int Rank, string Repository, int Score);
