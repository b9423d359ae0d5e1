using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using DurableMcp.Tools.Outputs;

namespace DurableMcp.Tools.Reports;

/// <summary>The outputs of <c>generate_report</c> (in the task's output folder) and how they are written.</summary>
internal static class ReportBlobs
{
    /// <summary>The HTML report's output name.</summary>
    public const string HtmlName = "report.html";

    /// <summary>The Markdown report's output name.</summary>
    public const string MarkdownName = "report.md";

    public const string HtmlType = "text/html";

    public const string MarkdownType = "text/markdown";

    /// <summary>
    /// A write stream stages one block each time its buffer fills and at every flush, and a blob holds at most 50,000
    /// blocks: with 1 MiB blocks and no flush before the end, up to 48 GiB fit, while a section being written holds only
    /// two such buffers (its HTML and Markdown parts) in memory.
    /// </summary>
    private const int BlockBytes = 1024 * 1024;

    /// <summary>Section <paramref name="number"/>'s part in one format, kept apart until the stitch: <c>parts/section-001.html</c>.</summary>
    public static string PartName(int number, string extension) => string.Create(CultureInfo.InvariantCulture, $"parts/section-{number:D3}.{extension}");

    /// <summary>The HTML id (and Markdown anchor) of section <paramref name="number"/>.</summary>
    public static string Anchor(int number) => string.Create(CultureInfo.InvariantCulture, $"section-{number}");

    /// <summary>
    /// A stream that writes output <paramref name="name"/> of <paramref name="taskId"/> from scratch; it replaces what an
    /// earlier attempt wrote only when it is disposed (the blocks are committed then), so a write cut short leaves no torn file.
    /// </summary>
    public static async Task<Stream> OpenWriteAsync(BlobTaskOutputStore outputs, string taskId, string name, string contentType, CancellationToken cancellationToken = default)
    {
        var container = await outputs.ContainerAsync(cancellationToken);
        return await container.GetBlockBlobClient(BlobTaskOutputStore.BlobName(taskId, name)).OpenWriteAsync(
            overwrite: true,
            new BlockBlobOpenWriteOptions { BufferSize = BlockBytes, HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);
    }

    /// <summary>The size of output <paramref name="name"/> of <paramref name="taskId"/>.</summary>
    public static async Task<long> SizeAsync(BlobTaskOutputStore outputs, string taskId, string name, CancellationToken cancellationToken = default)
    {
        BlobClient blob = await outputs.BlobAsync(taskId, name, cancellationToken);
        return (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;
    }
}
