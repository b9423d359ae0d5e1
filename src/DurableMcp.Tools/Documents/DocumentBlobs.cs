using System.Globalization;
using Azure;
using Azure.Storage.Blobs;

namespace DurableMcp.Tools.Documents;

/// <summary>Where the classification activities read documents and write results.</summary>
public sealed class DocumentBlobs(BlobServiceClient blobs)
{
    /// <summary>The container the full per-document output is written to.</summary>
    public const string OutputContainer = "classifications";

    public BlobContainerClient Source(string container) => blobs.GetBlobContainerClient(container);

    public async Task<BlobContainerClient> OutputAsync(CancellationToken cancellationToken = default)
    {
        var output = blobs.GetBlobContainerClient(OutputContainer);
        await output.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return output;
    }

    /// <summary>One batch's per-document results, kept apart until the final merge.</summary>
    public static string PartName(string taskId, int index) => string.Create(CultureInfo.InvariantCulture, $"{taskId}.parts/{index:D6}.json");

    /// <summary>True when the container exists (an invalid container name cannot exist).</summary>
    public static async Task<bool> ExistsAsync(BlobContainerClient container, CancellationToken cancellationToken)
    {
        try
        {
            return await container.ExistsAsync(cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 400)
        {
            return false;
        }
    }
}
