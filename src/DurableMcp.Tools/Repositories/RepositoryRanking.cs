using System.Globalization;
using System.Text;

namespace DurableMcp.Tools.Repositories;

/// <summary>The ranking of a run: evaluated repositories by score (best first), ties by name; failed ones are not ranked.</summary>
internal static class RepositoryRanking
{
    /// <summary>The evaluated repositories, ranked. Pure, so the orchestrator can call it.</summary>
    public static IReadOnlyList<RepositoryEvaluation> Order(IEnumerable<RepositoryEvaluation> evaluations) =>
        [.. evaluations.Where(e => e.Error is null).OrderByDescending(e => e.Score).ThenBy(e => e.Repository, StringComparer.Ordinal).ThenBy(e => e.Index)];

    /// <summary>The ranking as a Markdown document: a table of the ranked repositories, then the failures.</summary>
    public static string Markdown(IReadOnlyList<RepositoryEvaluation> evaluations)
    {
        ArgumentNullException.ThrowIfNull(evaluations);
        var ranked = Order(evaluations);
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"# Repository ranking\n\n{ranked.Count} evaluated, {evaluations.Count - ranked.Count} failed.\n\n");
        text.Append("| Rank | Repository | Score | Code lines | Main language | Tests | CI | Licence | TODO/1k |\n|---:|---|---:|---:|---|---:|---|---|---:|\n");
        for (var i = 0; i < ranked.Count; i++)
        {
            var (e, c) = (ranked[i], ranked[i].Checks!);
            text.Append(CultureInfo.InvariantCulture,
                $"| {i + 1} | {Cell(e.Repository)} | {e.Score} | {c.CodeLines:N0} | {Cell(c.Languages.FirstOrDefault()?.Language ?? "-")} | {c.TestFiles} | {Cell(c.Ci.Count == 0 ? "-" : string.Join(", ", c.Ci))} | {Cell(c.Licence ?? "-")} | {c.TodosPer1000Lines:0.##} |\n");
        }

        var failed = evaluations.Where(e => e.Error is not null).ToList();
        if (failed.Count > 0)
        {
            text.Append("\n## Not evaluated\n\n| Repository | Error |\n|---|---|\n");
            foreach (var e in failed)
            {
                text.Append(CultureInfo.InvariantCulture, $"| {Cell(e.Repository)} | {Cell(e.Error!)} |\n");
            }
        }

        return text.ToString();
    }

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
