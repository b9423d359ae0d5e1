namespace DurableMcp.Tools.Repositories;

/// <summary>A repository that could not be evaluated, and why.</summary>
public sealed record RepositoryFailure(string Repository, string Error);
