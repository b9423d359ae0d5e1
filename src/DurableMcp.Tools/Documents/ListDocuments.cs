using Azure.Storage.Blobs.Models;
using Microsoft.DurableTask;

namespace DurableMcp.Tools.Documents;

/// <summary>Lists the documents to classify, sorted; null when the container does not exist.</summary>
public sealed class ListDocuments(DocumentBlobs blobs) : TaskActivity<ListDocumentsInput, List<string>?>
{
    public override async Task<List<string>?> RunAsync(TaskActivityContext context, ListDocumentsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var container = blobs.Source(input.Container);
        if (!await DocumentBlobs.ExistsAsync(container, CancellationToken.None))
        {
            return null;
        }

        var names = new List<string>();
        await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, string.IsNullOrEmpty(input.Prefix) ? null : input.Prefix, CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
