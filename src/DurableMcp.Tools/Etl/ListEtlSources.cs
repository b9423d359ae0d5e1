using Azure.Storage.Blobs.Models;
using DurableMcp.Tools.Documents;
using Microsoft.DurableTask;

namespace DurableMcp.Tools.Etl;

/// <summary>Lists the CSV and JSON Lines files under the prefix, sorted; null when the container does not exist.</summary>
public sealed class ListEtlSources(EtlStorage storage) : TaskActivity<ListEtlSourcesInput, EtlSourceList?>
{
    public override async Task<EtlSourceList?> RunAsync(TaskActivityContext context, ListEtlSourcesInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var container = storage.Source(input.Container);
        if (!await DocumentBlobs.ExistsAsync(container, CancellationToken.None))
        {
            return null;
        }

        var sources = new List<EtlSource>();
        var skipped = 0;
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, string.IsNullOrEmpty(input.Prefix) ? null : input.Prefix, CancellationToken.None))
        {
            if (FormatOf(blob.Name) is { } format)
            {
                sources.Add(new EtlSource(blob.Name, format, blob.Properties.ContentLength ?? 0));
            }
            else
            {
                skipped++;
            }
        }

        sources.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new EtlSourceList(sources, skipped);
    }

    /// <summary>csv or jsonl by the name's extension; null for anything else.</summary>
    public static string? FormatOf(string name) =>
        name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase) ? "csv"
        : name.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase) ? "jsonl"
        : null;
}
