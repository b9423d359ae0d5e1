using System.Globalization;
using System.Text.Json;
using DurableMcp.Tasks.Sources;
using DurableMcp.Tools.Documents;

namespace DurableMcp.Tools.Reports;

/// <summary>
/// The section of a <c>classify_documents</c> task: documents per category (from its result), the review, and one row
/// per document (from its output blob in <see cref="DocumentBlobs.OutputContainer"/>, deserialized element by element
/// as it downloads).
/// </summary>
internal sealed class ClassificationSectionRenderer(DocumentBlobs documents) : ISectionRenderer
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Tool => "classify_documents";

    public string DefaultTitle(JsonElement summary) => $"Classification of {SourceOutputs.Count(SourceOutputs.Number(summary, "documents"))} documents";

    public async Task<SectionBody> RenderAsync(ReportPartWriter writer, TaskSource source, JsonElement summary, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var total = SourceOutputs.Number(summary, "documents");
        var output = SourceOutputs.Text(summary, "output") ?? "";
        var reviewed = summary.TryGetProperty("reviewed", out var review) ? review : default;
        await writer.FactsAsync(
        [
            ("Documents", SourceOutputs.Count(total)),
            ("Average confidence", summary.TryGetProperty("averageConfidence", out var average) && average.TryGetDouble(out var mean) ? mean.ToString("0.00%", CultureInfo.InvariantCulture) : ""),
            ("Shown to the reviewer", SourceOutputs.Count(SourceOutputs.Number(reviewed, "asked"))),
            ("Review outcome", SourceOutputs.Text(reviewed, "outcome") ?? ""),
            ("Relabelled by the reviewer", SourceOutputs.Count(SourceOutputs.Number(summary, "relabelled"))),
            ("Output", output),
        ]);

        var counts = new Dictionary<string, long>(StringComparer.Ordinal) { ["documents"] = total };
        await writer.HeadingAsync("Documents per category");
        await writer.StartTableAsync("Category", "Documents", "Share");
        if (summary.TryGetProperty("categories", out var categories) && categories.ValueKind == JsonValueKind.Object)
        {
            foreach (var category in categories.EnumerateObject().OrderByDescending(c => c.Value.GetInt64()).ThenBy(c => c.Name, StringComparer.Ordinal))
            {
                var count = category.Value.GetInt64();
                await writer.RowAsync(category.Name, SourceOutputs.Count(count), total == 0 ? "" : ((double)count / total).ToString("0.0%", CultureInfo.InvariantCulture));
            }
        }

        await writer.EndTableAsync();

        const string prefix = DocumentBlobs.OutputContainer + "/";
        if (!output.StartsWith(prefix, StringComparison.Ordinal))
        {
            throw new SourceOutputMissingException(output.Length == 0 ? "(no output named in the result)" : output);
        }

        await writer.HeadingAsync("Documents");
        await writer.StartTableAsync("Document", "Category", "Confidence", "Key terms", "Model's category (before review)");
        long listed = 0;
        await using (var stream = await SourceOutputs.OpenReadAsync(documents.Source(DocumentBlobs.OutputContainer).GetBlobClient(output[prefix.Length..]), cancellationToken))
        {
            await foreach (var document in JsonSerializer.DeserializeAsyncEnumerable<DocumentResult>(stream, Json, cancellationToken))
            {
                if (document is null)
                {
                    continue;
                }

                await writer.RowAsync(
                    document.Name,
                    document.Category,
                    document.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
                    string.Join(", ", document.KeyTerms ?? []),
                    document.ModelCategory);
                listed++;
            }
        }

        await writer.EndTableAsync();
        counts["listed"] = listed;
        return new SectionBody(writer.Rows, counts);
    }
}
