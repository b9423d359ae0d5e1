namespace DurableMcp.Tools.Repositories;

/// <summary>One repository's row of the table: its checks and score, or why it could not be evaluated.</summary>
/// <param name="Index">Its position in the caller's list.</param>
/// <param name="Repository">Its URL, or <c>blob:{container}/{blob}</c>.</param>
/// <param name="Commit">The commit evaluated (HEAD of the default branch), when it was fetched.</param>
/// <param name="Score">0-100 (<see cref="RepositoryScore"/>); 0 when it failed.</param>
/// <param name="Checks">What was found; null when it failed.</param>
/// <param name="Error">Why it could not be evaluated; null when it was.</param>
public sealed record RepositoryEvaluation(int Index, string Repository, string? Commit, int Score, RepositoryChecks? Checks, string? Error)
{
    public static RepositoryEvaluation Failed(int index, string repository, string error) => new(index, repository, null, 0, null, error);
}
