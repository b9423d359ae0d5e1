using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using DurableMcp.Tasks.Elicitation;
using DurableMcp.Tasks.Tools;
using DurableMcp.Tools.Classification;
using Microsoft.DurableTask;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tools.Documents;

/// <summary>
/// Classifies a backlog of text documents: the orchestrator. Each batch is one activity (<see cref="ClassifyBatch"/>):
/// after a crash the finished batches are not classified again. Documents the model is unsure about are shown to the
/// user in one form (answered through <c>tasks/update</c>, whenever that comes); an existing output blob is replaced
/// only after the user confirms. Per-document results go to part blobs, merged at the end into the output blob.
/// </summary>
public static class ClassifyDocumentsTool
{
    /// <summary>Transient storage failures are retried a few times before the task gives up with a clear error.</summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1)));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [McpServerTool(Name = "classify_documents", Title = "Classify a document backlog", ReadOnly = false, Idempotent = true)]
    [Description("Classifies every text document under a blob container prefix into billing, technical_support, legal, human_resources or sales, " +
                 "with a confidence and key terms per document. Asks the user to review the least certain documents. Runs as a durable task; " +
                 "the full results are written to a blob in the 'classifications' container.")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<CallToolResult> ClassifyAsync(
        TaskOrchestrationContext context,
        [Description("The blob container holding the documents.")][BlobContainerName] string container,
        [Description("Only blobs whose names start with this prefix.")] string prefix = "",
        [Description("Documents per checkpointed batch (1-1000).")][Range(1, 1000)] int batchSize = 100,
        [Description("Ask the user to review documents classified with less confidence than this, e.g. 0.5 (0, the default, never asks: right for unattended runs).")][Range(0.0, 1.0)] double reviewBelow = 0,
        [Description("How long to wait for the user's answers, in seconds.")][Range(1, 2_592_000)] int answerTimeoutSeconds = 86_400,
        [Description("Name of the output blob; default: the task id. If it exists, the user is asked before it is replaced.")] string? outputName = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var timeout = TimeSpan.FromSeconds(answerTimeoutSeconds);
        var names = await context.CallActivityAsync<List<string>?>(nameof(ListDocuments), new ListDocumentsInput(container, prefix), Retry);
        if (names is null)
        {
            return Error($"The container '{container}' does not exist.");
        }

        var output = $"{context.InstanceId}.json";
        if (outputName is { Length: > 0 } && outputName != output)
        {
            var exists = await context.CallActivityAsync<bool>(nameof(CheckOutputExists), outputName, Retry);
            var overwrite = !exists || (await context.ElicitAsync<OverwriteConfirmation>(
                $"'{DocumentBlobs.OutputContainer}/{outputName}' already holds earlier results. Replace them?", timeout)) is { Action: ElicitationAction.Accept, Content.Overwrite: true };
            output = overwrite ? outputName : output;
        }

        var batches = new List<BatchSummary>();
        for (var start = 0; start < names.Count; start += batchSize)
        {
            context.SetStatusMessage(string.Create(CultureInfo.InvariantCulture, $"{start:N0} / {names.Count:N0} documents"));
            var batch = names.Skip(start).Take(batchSize).ToList();
            batches.Add(await context.CallActivityAsync<BatchSummary>(
                nameof(ClassifyBatch), new ClassifyBatchInput(context.InstanceId, container, batches.Count, batch, reviewBelow), Retry));
        }

        var uncertain = batches.SelectMany(b => b.Uncertain).OrderBy(d => d.Confidence).ThenBy(d => d.Name, StringComparer.Ordinal).Take(ClassifyBatch.MaxReviewed).ToList();
        var (review, corrections) = await ReviewAsync(context, uncertain, timeout);

        context.SetStatusMessage(string.Create(CultureInfo.InvariantCulture, $"{names.Count:N0} / {names.Count:N0} documents; writing results"));
        var merged = await context.CallActivityAsync<MergedOutput>(
            nameof(WriteClassifications), new WriteClassificationsInput(context.InstanceId, batches.Count, output, corrections), Retry);
        var summary = new ClassificationSummary(
            merged.Documents,
            merged.Categories,
            merged.Documents == 0 ? 0 : Math.Round(merged.ConfidenceSum / merged.Documents, 4),
            review,
            merged.Relabelled,
            merged.Output);
        context.SetStatusMessage(string.Create(CultureInfo.InvariantCulture, $"{merged.Documents:N0} documents classified"));
        var element = JsonSerializer.SerializeToElement(summary, Json);
        return new CallToolResult { Content = [new TextContentBlock { Text = element.GetRawText() }], StructuredContent = element };
    }

    /// <summary>One form: a choice per uncertain document, defaulting to the model's guess. Only an accepted form changes anything.</summary>
    private static async Task<(ReviewSummary Review, Dictionary<string, string> Corrections)> ReviewAsync(
        TaskOrchestrationContext context, List<UncertainDocument> uncertain, TimeSpan timeout)
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

        context.SetStatusMessage(string.Create(CultureInfo.InvariantCulture, $"waiting for the review of {uncertain.Count} uncertain document(s)"));
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

    private static CallToolResult Error(string message) => new() { IsError = true, Content = [new TextContentBlock { Text = message }] };
}
