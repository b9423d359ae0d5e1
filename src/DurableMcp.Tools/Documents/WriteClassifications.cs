using System.Text.Json;
using Microsoft.DurableTask;

namespace DurableMcp.Tools.Documents;

/// <summary>Merges the part blobs, applies the user's corrections, writes the output blob and deletes the parts.</summary>
public sealed class WriteClassifications(DocumentBlobs blobs) : TaskActivity<WriteClassificationsInput, MergedOutput>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public override async Task<MergedOutput> RunAsync(TaskActivityContext context, WriteClassificationsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var output = await blobs.OutputAsync();
        var all = new List<DocumentResult>();
        for (var i = 0; i < input.Parts; i++)
        {
            var part = await output.GetBlobClient(DocumentBlobs.PartName(input.TaskId, i)).DownloadContentAsync();
            all.AddRange(part.Value.Content.ToObjectFromJson<List<DocumentResult>>(Json) ?? []);
        }

        var final = all.Select(d => input.Corrections.TryGetValue(d.Name, out var category) ? d with { Category = category, ModelCategory = d.Category } : d).ToList();
        await output.GetBlobClient(input.OutputName).UploadAsync(BinaryData.FromObjectAsJson(final, Json), overwrite: true);
        for (var i = 0; i < input.Parts; i++)
        {
            await output.DeleteBlobIfExistsAsync(DocumentBlobs.PartName(input.TaskId, i));
        }

        var categories = final.GroupBy(d => d.Category, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new MergedOutput($"{DocumentBlobs.OutputContainer}/{input.OutputName}", final.Count, categories, final.Sum(d => d.Confidence), final.Count(d => d.ModelCategory is not null));
    }
}
