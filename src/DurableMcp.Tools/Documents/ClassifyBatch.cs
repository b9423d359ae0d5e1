using System.Text.Json;
using Azure;
using DurableMcp.Tools.Classification;
using Microsoft.DurableTask;

namespace DurableMcp.Tools.Documents;

/// <summary>
/// Classifies one batch and writes its per-document results to a part blob (overwritten if the activity runs again
/// after a crash, so a retry never duplicates anything); returns only the summary, which Durable Functions keeps.
/// </summary>
public sealed class ClassifyBatch(DocumentBlobs blobs) : TaskActivity<ClassifyBatchInput, BatchSummary>
{
    /// <summary>The most documents one review form shows.</summary>
    public const int MaxReviewed = 10;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override async Task<BatchSummary> RunAsync(TaskActivityContext context, ClassifyBatchInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var source = blobs.Source(input.Container);
        var results = new List<DocumentResult>(input.Names.Count);
        var uncertain = new List<UncertainDocument>();
        foreach (var name in input.Names)
        {
            string text;
            try
            {
                text = (await source.GetBlobClient(name).DownloadContentAsync()).Value.Content.ToString();
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                continue; // Deleted since it was listed: nothing to classify.
            }

            var classification = DocumentClassifiers.Default.Classify(text);
            var confidence = Math.Round(classification.Confidence, 4);
            results.Add(new DocumentResult(name, classification.Category, confidence, classification.KeyTerms));
            if (confidence < input.ReviewBelow)
            {
                uncertain.Add(new UncertainDocument(name, classification.Category, confidence, text.Length <= 160 ? text : text[..160] + "…"));
            }
        }

        var output = await blobs.OutputAsync();
        await output.GetBlobClient(DocumentBlobs.PartName(input.TaskId, input.Index)).UploadAsync(BinaryData.FromObjectAsJson(results, Json), overwrite: true);
        return new BatchSummary(results.Count, uncertain.OrderBy(d => d.Confidence).Take(MaxReviewed).ToList());
    }
}
