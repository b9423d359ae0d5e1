using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DurableMcp.Engine;
using DurableMcp.Tasks.Tools;
using DurableMcp.Tools.Classification;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tools.Documents;

/// <summary>
/// Classifies a backlog of text documents in checkpointed batches. Each batch is one durable step: after a crash
/// the finished batches are not classified again. Per-document results go to part blobs, merged at the end into
/// <c>classifications/{taskId}.json</c>.
/// </summary>
public sealed class ClassifyDocumentsTool(BlobServiceClient blobs)
{
    /// <summary>The container the full per-document output is written to.</summary>
    public const string OutputContainer = "classifications";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [McpServerTool(Name = "classify_documents", Title = "Classify a document backlog", ReadOnly = false, Idempotent = true)]
    [Description("Classifies every text document under a blob container prefix into billing, technical_support, legal, human_resources or sales, " +
                 "with a confidence and key terms per document. Runs as a durable task; the full results are written to a blob.")]
    [DurableTool(TaskSupport.Optional)]
    public async Task<CallToolResult> ClassifyAsync(
        IOrchestrationContext context,
        [Description("The blob container holding the documents.")] string container,
        [Description("Only blobs whose names start with this prefix.")] string prefix = "",
        [Description("Documents per checkpointed batch (1-1000).")][Range(1, 1000)] int batchSize = 100)
    {
        var names = await context.StepAsync("list", ct => ListAsync(container, prefix, ct));
        if (names is null)
        {
            return Error($"The container '{container}' does not exist.");
        }

        var batches = new List<BatchSummary>();
        for (var start = 0; start < names.Count; start += batchSize)
        {
            context.SetStatus(string.Create(CultureInfo.InvariantCulture, $"{start:N0} / {names.Count:N0} documents"));
            var batch = names.Skip(start).Take(batchSize).ToList();
            var index = batches.Count;
            batches.Add(await context.StepAsync($"batch-{index}", ct => ClassifyBatchAsync(context.InstanceId, container, index, batch, ct)));
        }

        context.SetStatus(string.Create(CultureInfo.InvariantCulture, $"{names.Count:N0} / {names.Count:N0} documents; writing results"));
        var output = await context.StepAsync("write-output", ct => MergePartsAsync(context.InstanceId, batches.Count, ct));
        var categories = batches.SelectMany(b => b.Categories)
            .GroupBy(c => c.Key, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(c => c.Value), StringComparer.Ordinal);
        var documents = batches.Sum(b => b.Documents);
        var summary = new ClassificationSummary(documents, categories, documents == 0 ? 0 : Math.Round(batches.Sum(b => b.ConfidenceSum) / documents, 4), output);
        context.SetStatus(string.Create(CultureInfo.InvariantCulture, $"{documents:N0} documents classified"));
        var element = JsonSerializer.SerializeToElement(summary, Json);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = element.GetRawText() }],
            StructuredContent = element,
        };
    }

    private async Task<List<string>?> ListAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        var client = blobs.GetBlobContainerClient(container);
        if (!await client.ExistsAsync(cancellationToken))
        {
            return null;
        }

        var names = new List<string>();
        await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, string.IsNullOrEmpty(prefix) ? null : prefix, cancellationToken))
        {
            names.Add(blob.Name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private async Task<BatchSummary> ClassifyBatchAsync(string taskId, string container, int index, List<string> names, CancellationToken cancellationToken)
    {
        var source = blobs.GetBlobContainerClient(container);
        var results = new List<DocumentResult>(names.Count);
        foreach (var name in names)
        {
            string text;
            try
            {
                text = (await source.GetBlobClient(name).DownloadContentAsync(cancellationToken)).Value.Content.ToString();
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                continue; // Deleted since it was listed: nothing to classify.
            }

            var classification = DocumentClassifiers.Default.Classify(text);
            results.Add(new DocumentResult(name, classification.Category, Math.Round(classification.Confidence, 4), classification.KeyTerms));
        }

        var output = await OutputAsync(cancellationToken);
        await output.GetBlobClient(PartName(taskId, index)).UploadAsync(BinaryData.FromObjectAsJson(results, Json), overwrite: true, cancellationToken);
        var categories = results.GroupBy(r => r.Category, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new BatchSummary(results.Count, categories, results.Sum(r => r.Confidence));
    }

    private async Task<string> MergePartsAsync(string taskId, int parts, CancellationToken cancellationToken)
    {
        var output = await OutputAsync(cancellationToken);
        var all = new List<DocumentResult>();
        for (var i = 0; i < parts; i++)
        {
            var part = await output.GetBlobClient(PartName(taskId, i)).DownloadContentAsync(cancellationToken);
            all.AddRange(part.Value.Content.ToObjectFromJson<List<DocumentResult>>(Json) ?? []);
        }

        var name = $"{taskId}.json";
        await output.GetBlobClient(name).UploadAsync(BinaryData.FromObjectAsJson(all, Json), overwrite: true, cancellationToken);
        for (var i = 0; i < parts; i++)
        {
            await output.DeleteBlobIfExistsAsync(PartName(taskId, i), cancellationToken: cancellationToken);
        }

        return $"{OutputContainer}/{name}";
    }

    private async Task<BlobContainerClient> OutputAsync(CancellationToken cancellationToken)
    {
        var output = blobs.GetBlobContainerClient(OutputContainer);
        await output.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return output;
    }

    private static string PartName(string taskId, int index) => string.Create(CultureInfo.InvariantCulture, $"{taskId}.parts/{index:D6}.json");

    private static CallToolResult Error(string message) => new() { IsError = true, Content = [new TextContentBlock { Text = message }] };
}
