using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;

namespace DurableMcp.Tools.Reports;

/// <summary>Reading a source task's outputs and result: streamed downloads, and forgiving reads of its summary's fields.</summary>
internal static class SourceOutputs
{
    /// <summary>The blob's content as a stream, downloaded as it is read; a missing blob is a <see cref="SourceOutputMissingException"/>.</summary>
    public static async Task<Stream> OpenReadAsync(BlobClient blob, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await blob.DownloadStreamingAsync(cancellationToken: cancellationToken)).Value.Content;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new SourceOutputMissingException($"{blob.BlobContainerName}/{blob.Name}", e);
        }
    }

    /// <summary>A number of the summary (0 when absent: an older result without it).</summary>
    public static long Number(JsonElement summary, string name) =>
        summary.ValueKind == JsonValueKind.Object && summary.TryGetProperty(name, out var value) && value.TryGetInt64(out var number) ? number : 0;

    /// <summary>A string of the summary (null when absent).</summary>
    public static string? Text(JsonElement summary, string name) =>
        summary.ValueKind == JsonValueKind.Object && summary.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>A whole number for a report: <c>12,345</c>.</summary>
    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
