using System.Text.Json;
using Azure.Storage.Blobs.Models;
using DurableMcp.Tools.Outputs;
using Microsoft.DurableTask;

namespace DurableMcp.Tools.Repositories;

/// <summary>
/// Ends a run: writes the per-repository table (JSON, in the caller's order, with each repository's rank) and the
/// ranking (Markdown) as the task's outputs. Both are overwritten if it runs again, with the same content.
/// </summary>
public sealed class WriteRepositoryReport(BlobTaskOutputStore outputs) : TaskActivity<WriteRepositoryReportInput, RepositoryReportSizes>
{
    /// <summary>The table output's name.</summary>
    public const string TableName = "repositories.json";

    /// <summary>The ranking output's name.</summary>
    public const string RankingName = "ranking.md";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public override async Task<RepositoryReportSizes> RunAsync(TaskActivityContext context, WriteRepositoryReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var ranks = RepositoryRanking.Order(input.Evaluations).Select((e, i) => (e.Index, Rank: i + 1)).ToDictionary(x => x.Index, x => x.Rank);
        var rows = input.Evaluations.Select(e => new { Rank = ranks.TryGetValue(e.Index, out var rank) ? rank : (int?)null, e.Repository, e.Score, e.Commit, e.Error, e.Checks });
        var table = BinaryData.FromObjectAsJson(new { Repositories = rows }, Json);
        var ranking = BinaryData.FromString(RepositoryRanking.Markdown(input.Evaluations));
        await (await outputs.BlobAsync(input.TaskId, TableName)).UploadAsync(table, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } });
        await (await outputs.BlobAsync(input.TaskId, RankingName)).UploadAsync(ranking, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "text/markdown" } });
        return new RepositoryReportSizes(table.ToMemory().Length, ranking.ToMemory().Length);
    }
}
