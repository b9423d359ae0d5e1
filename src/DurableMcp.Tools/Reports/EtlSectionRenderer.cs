using System.Text.Json;
using DurableMcp.Tasks.Sources;
using DurableMcp.Tools.Etl;
using DurableMcp.Tools.Outputs;

namespace DurableMcp.Tools.Reports;

/// <summary>
/// The section of a <c>run_etl</c> task: the run's counts, its files (from <c>summary.json</c>), skipped files, and
/// every rejected row with its reason (from <c>rejects.jsonl</c>, read line by line as it downloads).
/// </summary>
internal sealed class EtlSectionRenderer(BlobTaskOutputStore outputs) : ISectionRenderer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Tool => "run_etl";

    public string DefaultTitle(JsonElement summary) => $"Load into table '{SourceOutputs.Text(summary, "table")}'";

    public async Task<SectionBody> RenderAsync(ReportPartWriter writer, TaskSource source, JsonElement summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(source);
        var (rows, loaded, rejected, filtered) = (SourceOutputs.Number(summary, "rows"), SourceOutputs.Number(summary, "loaded"), SourceOutputs.Number(summary, "rejected"), SourceOutputs.Number(summary, "filtered"));
        await writer.FactsAsync(
        [
            ("Table", SourceOutputs.Text(summary, "table") ?? ""),
            ("Table choice", SourceOutputs.Text(summary, "tableChoice") ?? ""),
            ("Files", SourceOutputs.Count(SourceOutputs.Number(summary, "files"))),
            ("Rows read", SourceOutputs.Count(rows)),
            ("Rows loaded", SourceOutputs.Count(loaded)),
            ("Rows rejected", SourceOutputs.Count(rejected)),
            ("Rows filtered out", SourceOutputs.Count(filtered)),
            ("Rows deleted first (replace)", SourceOutputs.Count(SourceOutputs.Number(summary, "deleted"))),
        ]);

        if (SourceOutputs.Text(summary, "tableChoice") != "cancel")
        {
            await FilesAsync(writer, source.TaskId, cancellationToken);
        }

        if (summary.TryGetProperty("skippedFiles", out var skipped) && skipped.ValueKind == JsonValueKind.Array && skipped.GetArrayLength() > 0)
        {
            await writer.HeadingAsync("Files not loaded");
            await writer.StartTableAsync("File", "Reason");
            foreach (var file in skipped.EnumerateArray())
            {
                await writer.RowAsync(SourceOutputs.Text(file, "name"), SourceOutputs.Text(file, "reason"));
            }

            await writer.EndTableAsync();
        }

        var shown = rejected > 0 ? await RejectsAsync(writer, source.TaskId, cancellationToken) : 0;
        return new SectionBody(writer.Rows, new Dictionary<string, long>(StringComparer.Ordinal)
        {
            ["rows"] = rows,
            ["loaded"] = loaded,
            ["rejected"] = rejected,
            ["filtered"] = filtered,
            ["rejectsShown"] = shown,
        });
    }

    private async Task FilesAsync(ReportPartWriter writer, string taskId, CancellationToken cancellationToken)
    {
        await using var stream = await SourceOutputs.OpenReadAsync(outputs.Blob(taskId, EtlStorage.SummaryName), cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        if (!document.RootElement.TryGetProperty("files", out var files) || files.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        await writer.HeadingAsync("Files");
        await writer.StartTableAsync("File", "Rows", "Chunks", "Loaded", "Rejected", "Filtered");
        foreach (var file in files.EnumerateArray())
        {
            await writer.RowAsync(
                SourceOutputs.Text(file, "name"),
                SourceOutputs.Count(SourceOutputs.Number(file, "rows")),
                SourceOutputs.Count(SourceOutputs.Number(file, "chunks")),
                SourceOutputs.Count(SourceOutputs.Number(file, "loaded")),
                SourceOutputs.Count(SourceOutputs.Number(file, "rejected")),
                SourceOutputs.Count(SourceOutputs.Number(file, "filtered")));
        }

        await writer.EndTableAsync();
    }

    /// <summary>Every rejected row, in the reject file's order; the file is read line by line as it downloads.</summary>
    private async Task<long> RejectsAsync(ReportPartWriter writer, string taskId, CancellationToken cancellationToken)
    {
        await writer.HeadingAsync("Rejected rows");
        await writer.StartTableAsync("File", "Row", "Reason", "Record");
        long shown = 0;
        await using (var stream = await SourceOutputs.OpenReadAsync(outputs.Blob(taskId, EtlStorage.RejectsName), cancellationToken))
        {
            using var reader = new StreamReader(stream);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                RejectLine? reject;
                try
                {
                    reject = JsonSerializer.Deserialize<RejectLine>(line, Json);
                }
                catch (JsonException)
                {
                    reject = null;
                }

                await (reject is null
                    ? writer.RowAsync("", "", "(a line of the reject file that is not JSON)", line)
                    : writer.RowAsync(reject.File, SourceOutputs.Count(reject.Row), reject.Reason, reject.Record));
                shown++;
            }
        }

        await writer.EndTableAsync();
        return shown;
    }

    /// <summary>One line of <c>rejects.jsonl</c>.</summary>
    private sealed record RejectLine(string? File, long Row, string? Reason, string? Record);
}
