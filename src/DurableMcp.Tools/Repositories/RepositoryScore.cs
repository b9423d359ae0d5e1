namespace DurableMcp.Tools.Repositories;

/// <summary>
/// The score of a repository, 0-100, from its checks alone (so the same commit always scores the same): tests 25, CI 20,
/// licence 15, README 10, a dependency manifest 10, a build file 10, and TODO/FIXME density 10 (at most 1 per 1,000
/// code lines), 5 (at most 5) or 0 (more, or no code at all). Deliberately simple: a ranking aid, not a verdict.
/// </summary>
internal static class RepositoryScore
{
    public static int Of(RepositoryChecks checks)
    {
        ArgumentNullException.ThrowIfNull(checks);
        var score = 0;
        score += checks.TestFiles > 0 ? 25 : 0;
        score += checks.Ci.Count > 0 ? 20 : 0;
        score += checks.Licence is not null ? 15 : 0;
        score += checks.Readme is not null ? 10 : 0;
        score += checks.Manifests.Count > 0 ? 10 : 0;
        score += checks.BuildFiles.Count > 0 ? 10 : 0;
        score += checks.CodeLines == 0 ? 0 : checks.TodosPer1000Lines <= 1 ? 10 : checks.TodosPer1000Lines <= 5 ? 5 : 0;
        return score;
    }
}
