using System.Globalization;
using System.Text.Json;
using DurableMcp.Tasks.Sources;
using DurableMcp.Tools.Outputs;
using DurableMcp.Tools.Repositories;

namespace DurableMcp.Tools.Reports;

/// <summary>
/// The section of an <c>evaluate_repositories</c> task: the counts, and the ranking with each repository's checks (from
/// its table output), then the repositories that could not be evaluated with their errors. A run has at most
/// <see cref="EvaluateRepositoriesTool.MaxRepositories"/> rows, so the table is read whole.
/// </summary>
internal sealed class RepositorySectionRenderer(BlobTaskOutputStore outputs) : ISectionRenderer
{
    public string Tool => "evaluate_repositories";

    public string DefaultTitle(JsonElement summary) => $"Evaluation of {SourceOutputs.Count(SourceOutputs.Number(summary, "repositories"))} repositories";

    public async Task<SectionBody> RenderAsync(ReportPartWriter writer, TaskSource source, JsonElement summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(source);
        var (total, evaluated, failed) = (SourceOutputs.Number(summary, "repositories"), SourceOutputs.Number(summary, "evaluated"), SourceOutputs.Number(summary, "failed"));
        await writer.FactsAsync([("Repositories", SourceOutputs.Count(total)), ("Evaluated", SourceOutputs.Count(evaluated)), ("Could not be evaluated", SourceOutputs.Count(failed))]);

        await using var stream = await SourceOutputs.OpenReadAsync(outputs.Blob(source.TaskId, WriteRepositoryReport.TableName), cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var rows = document.RootElement.TryGetProperty("repositories", out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().ToList() : [];

        await writer.HeadingAsync("Ranking");
        await writer.StartTableAsync("Rank", "Repository", "Score", "Main language", "Code lines", "Test files", "CI", "Licence", "TODO/FIXME per 1,000 lines", "Commit");
        foreach (var row in rows.Where(r => Rank(r) is not null).OrderBy(r => Rank(r)))
        {
            var checks = row.TryGetProperty("checks", out var c) && c.ValueKind == JsonValueKind.Object ? c : default;
            await writer.RowAsync(
                Rank(row)!.Value.ToString(CultureInfo.InvariantCulture),
                SourceOutputs.Text(row, "repository"),
                SourceOutputs.Number(row, "score").ToString(CultureInfo.InvariantCulture),
                MainLanguage(checks),
                SourceOutputs.Count(SourceOutputs.Number(checks, "codeLines")),
                SourceOutputs.Count(SourceOutputs.Number(checks, "testFiles")),
                checks.ValueKind == JsonValueKind.Object && checks.TryGetProperty("ci", out var ci) && ci.ValueKind == JsonValueKind.Array && ci.GetArrayLength() > 0
                    ? string.Join(", ", ci.EnumerateArray().Select(x => x.GetString()))
                    : "-",
                SourceOutputs.Text(checks, "licence") ?? "-",
                checks.ValueKind == JsonValueKind.Object && checks.TryGetProperty("todosPer1000Lines", out var todos) && todos.TryGetDouble(out var density)
                    ? density.ToString("0.##", CultureInfo.InvariantCulture)
                    : "",
                SourceOutputs.Text(row, "commit"));
        }

        await writer.EndTableAsync();
        var errors = rows.Where(r => SourceOutputs.Text(r, "error") is not null).ToList();
        if (errors.Count > 0)
        {
            await writer.HeadingAsync("Not evaluated");
            await writer.StartTableAsync("Repository", "Error");
            foreach (var row in errors)
            {
                await writer.RowAsync(SourceOutputs.Text(row, "repository"), SourceOutputs.Text(row, "error"));
            }

            await writer.EndTableAsync();
        }

        return new SectionBody(writer.Rows, new Dictionary<string, long>(StringComparer.Ordinal) { ["repositories"] = total, ["evaluated"] = evaluated, ["failed"] = failed });
    }

    private static int? Rank(JsonElement row) => row.TryGetProperty("rank", out var rank) && rank.TryGetInt32(out var value) ? value : null;

    private static string MainLanguage(JsonElement checks) =>
        checks.ValueKind == JsonValueKind.Object && checks.TryGetProperty("languages", out var languages) && languages.ValueKind == JsonValueKind.Array && languages.GetArrayLength() > 0
            ? SourceOutputs.Text(languages[0], "language") ?? "-"
            : "-";
}
