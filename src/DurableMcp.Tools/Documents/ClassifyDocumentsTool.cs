using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DurableMcp.Engine;
using DurableMcp.Tasks.Elicitation;
using DurableMcp.Tasks.Tools;
using DurableMcp.Tools.Classification;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tools.Documents;

/// <summary>
/// Classifies a backlog of text documents in checkpointed batches. Each batch is one durable step: after a crash the
/// finished batches are not classified again. Documents the model is unsure about are shown to the user in one form
/// (answered through <c>tasks/update</c>, whenever that comes); an existing output blob is replaced only after the user
/// confirms. Per-document results go to part blobs, merged at the end into the output blob.
/// </summary>
public sealed class ClassifyDocumentsTool(BlobServiceClient blobs)
{
    /// <summary>The container the full per-document output is written to.</summary>
    public const string OutputContainer = "classifications";

    /// <summary>The most documents one review form shows.</summary>
    public const int MaxReviewed = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [McpServerTool(Name = "classify_documents", Title = "Classify a document backlog", ReadOnly = false, Idempotent = true)]
    [Description("Classifies every text document under a blob container prefix into billing, technical_support, legal, human_resources or sales, " +
                 "with a confidence and key terms per document. Asks the user to review the least certain documents. Runs as a durable task; " +
                 "the full results are written to a blob in the 'classifications' container.")]
    [DurableTool(TaskSupport.Optional)]
    public async Task<CallToolResult> ClassifyAsync(
        IOrchestrationContext context,
        [Description("The blob container holding the documents.")] string container,
        [Description("Only blobs whose names start with this prefix.")] string prefix = "",
        [Description("Documents per checkpointed batch (1-1000).")][Range(1, 1000)] int batchSize = 100,
        [Description("Ask the user to review documents classified with less confidence than this, e.g. 0.5 (0, the default, never asks: right for unattended runs).")][Range(0.0, 1.0)] double reviewBelow = 0,
        [Description("How long to wait for the user's answers, in seconds.")][Range(1, 2_592_000)] int answerTimeoutSeconds = 86_400,
        [Description("Name of the output blob; default: the task id. If it exists, the user is asked before it is replaced.")] string? outputName = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var timeout = TimeSpan.FromSeconds(answerTimeoutSeconds);
        var names = await context.StepAsync("list", ct => ListAsync(container, prefix, ct));
        if (names is null)
        {
            return Error($"The container '{container}' does not exist.");
        }

        var output = $"{context.InstanceId}.json";
        if (outputName is { Length: > 0 } && outputName != output)
        {
            var exists = await context.StepAsync("check-output", ct => ExistsAsync(outputName, ct));
            var overwrite = !exists || (await context.ElicitAsync<OverwriteConfirmation>(
                $"'{OutputContainer}/{outputName}' already holds earlier results. Replace them?", timeout)) is { Action: ElicitationAction.Accept, Content.Overwrite: true };
            output = overwrite ? outputName : output;
        }

        var batches = new List<BatchSummary>();
        for (var start = 0; start < names.Count; start += batchSize)
        {
            context.SetStatus(string.Create(CultureInfo.InvariantCulture, $"{start:N0} / {names.Count:N0} documents"));
            var batch = names.Skip(start).Take(batchSize).ToList();
            var index = batches.Count;
            batches.Add(await context.StepAsync($"batch-{index}", ct => ClassifyBatchAsync(context.InstanceId, container, index, batch, reviewBelow, ct)));
        }

        var uncertain = batches.SelectMany(b => b.Uncertain).OrderBy(d => d.Confidence).ThenBy(d => d.Name, StringComparer.Ordinal).Take(MaxReviewed).ToList();
        var (review, corrections) = await ReviewAsync(context, uncertain, timeout);

        context.SetStatus(string.Create(CultureInfo.InvariantCulture, $"{names.Count:N0} / {names.Count:N0} documents; writing results"));
        var merged = await context.StepAsync("write-output", ct => MergePartsAsync(context.InstanceId, batches.Count, output, corrections, ct));
        var summary = new ClassificationSummary(
            merged.Documents,
            merged.Categories,
            merged.Documents == 0 ? 0 : Math.Round(merged.ConfidenceSum / merged.Documents, 4),
            review,
            merged.Relabelled,
            merged.Output);
        context.SetStatus(string.Create(CultureInfo.InvariantCulture, $"{merged.Documents:N0} documents classified"));
        var element = JsonSerializer.SerializeToElement(summary, Json);
        return new CallToolResult { Content = [new TextContentBlock { Text = element.GetRawText() }], StructuredContent = element };
    }

    /// <summary>One form: a choice per uncertain document, defaulting to the model's guess. Only an accepted form changes anything.</summary>
    private static async Task<(ReviewSummary Review, Dictionary<string, string> Corrections)> ReviewAsync(
        IOrchestrationContext context, List<UncertainDocument> uncertain, TimeSpan timeout)
    {
        if (uncertain.Count == 0)
        {
            return (new ReviewSummary(0, "none"), []);
        }

        var schema = new ElicitRequestParams.RequestSchema();
        for (var i = 0; i < uncertain.Count; i++)
        {
            var document = uncertain[i];
            schema.Properties[FieldName(i)] = new ElicitRequestParams.UntitledSingleSelectEnumSchema
            {
                Title = document.Name,
                Description = string.Create(CultureInfo.InvariantCulture, $"\"{document.Snippet}\" (model: {document.Category}, {document.Confidence:0%})"),
                Enum = [.. DocumentClassifiers.Default.Categories],
                Default = document.Category,
            };
        }

        context.SetStatus(string.Create(CultureInfo.InvariantCulture, $"waiting for the review of {uncertain.Count} uncertain document(s)"));
        var answer = await context.ElicitAsync(
            uncertain.Count == 1
                ? "The model is unsure about 1 document. Confirm or correct its category."
                : string.Create(CultureInfo.InvariantCulture, $"The model is unsure about {uncertain.Count} documents. Confirm or correct their categories."),
            schema,
            timeout);
        var corrections = new Dictionary<string, string>(StringComparer.Ordinal);
        if (answer is { Action: ElicitationAction.Accept, Content: { } content })
        {
            for (var i = 0; i < uncertain.Count; i++)
            {
                if (content.TryGetValue(FieldName(i), out var chosen) && chosen.GetString() is { } category && category != uncertain[i].Category)
                {
                    corrections[uncertain[i].Name] = category;
                }
            }
        }

        var outcome = answer.Action switch
        {
            ElicitationAction.Accept => "accept",
            ElicitationAction.Decline => "decline",
            ElicitationAction.Cancel => "cancel",
            _ => "timed_out",
        };
        return (new ReviewSummary(uncertain.Count, outcome), corrections);
    }

    private static string FieldName(int index) => string.Create(CultureInfo.InvariantCulture, $"doc{index + 1}");

    private async Task<List<string>?> ListAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        var client = blobs.GetBlobContainerClient(container);
        try
        {
            if (!await client.ExistsAsync(cancellationToken))
            {
                return null;
            }
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            return null; // Not a valid container name: it cannot exist.
        }

        var names = new List<string>();
        await foreach (var blob in client.GetBlobsAsync(BlobTraits.None, BlobStates.None, string.IsNullOrEmpty(prefix) ? null : prefix, cancellationToken))
        {
            names.Add(blob.Name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }

    private async Task<bool> ExistsAsync(string outputName, CancellationToken cancellationToken) =>
        await (await OutputAsync(cancellationToken)).GetBlobClient(outputName).ExistsAsync(cancellationToken);

    private async Task<BatchSummary> ClassifyBatchAsync(string taskId, string container, int index, List<string> names, double reviewBelow, CancellationToken cancellationToken)
    {
        var source = blobs.GetBlobContainerClient(container);
        var results = new List<DocumentResult>(names.Count);
        var uncertain = new List<UncertainDocument>();
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
            var confidence = Math.Round(classification.Confidence, 4);
            results.Add(new DocumentResult(name, classification.Category, confidence, classification.KeyTerms));
            if (confidence < reviewBelow)
            {
                uncertain.Add(new UncertainDocument(name, classification.Category, confidence, text.Length <= 160 ? text : text[..160] + "…"));
            }
        }

        var output = await OutputAsync(cancellationToken);
        await output.GetBlobClient(PartName(taskId, index)).UploadAsync(BinaryData.FromObjectAsJson(results, Json), overwrite: true, cancellationToken);
        return new BatchSummary(results.Count, uncertain.OrderBy(d => d.Confidence).Take(MaxReviewed).ToList());
    }

    private async Task<MergedOutput> MergePartsAsync(string taskId, int parts, string outputName, Dictionary<string, string> corrections, CancellationToken cancellationToken)
    {
        var output = await OutputAsync(cancellationToken);
        var all = new List<DocumentResult>();
        for (var i = 0; i < parts; i++)
        {
            var part = await output.GetBlobClient(PartName(taskId, i)).DownloadContentAsync(cancellationToken);
            all.AddRange(part.Value.Content.ToObjectFromJson<List<DocumentResult>>(Json) ?? []);
        }

        var final = all.Select(d => corrections.TryGetValue(d.Name, out var category) ? d with { Category = category, ModelCategory = d.Category } : d).ToList();
        await output.GetBlobClient(outputName).UploadAsync(BinaryData.FromObjectAsJson(final, Json), overwrite: true, cancellationToken);
        for (var i = 0; i < parts; i++)
        {
            await output.DeleteBlobIfExistsAsync(PartName(taskId, i), cancellationToken: cancellationToken);
        }

        var categories = final.GroupBy(d => d.Category, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new MergedOutput($"{OutputContainer}/{outputName}", final.Count, categories, final.Sum(d => d.Confidence), final.Count(d => d.ModelCategory is not null));
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
