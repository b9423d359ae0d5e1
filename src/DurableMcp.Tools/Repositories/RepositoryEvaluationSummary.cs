namespace DurableMcp.Tools.Repositories;

/// <summary>The result of <c>evaluate_repositories</c> (its structured content); the full table is an output.</summary>
/// <param name="Repositories">Repositories asked for.</param>
/// <param name="Evaluated">Repositories evaluated.</param>
/// <param name="Failed">Repositories that could not be evaluated (each in the table with its error).</param>
/// <param name="Top">The best five by score (ties by name).</param>
/// <param name="Failures">The first five failures.</param>
/// <param name="Outputs">URIs of the output files (resources/read): table (JSON) and ranking (Markdown).</param>
public sealed record RepositoryEvaluationSummary(
    int Repositories,
    int Evaluated,
    int Failed,
    IReadOnlyList<RepositoryRank> Top,
    IReadOnlyList<RepositoryFailure> Failures,
    IReadOnlyDictionary<string, string> Outputs);
