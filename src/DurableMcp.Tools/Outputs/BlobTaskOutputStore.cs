using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using DurableMcp.Tasks.Outputs;

namespace DurableMcp.Tools.Outputs;

/// <summary>
/// Task outputs in blob storage: container <see cref="Container"/>, blob <c>{taskId}/{name}</c>, so one prefix holds all
/// of a task's files (its finished outputs and any intermediate parts) and one listing deletes them with the task.
/// Activities write here (<see cref="OpenWriteAsync"/>); <c>resources/read</c> reads through <see cref="ReadAsync"/>.
/// </summary>
public sealed class BlobTaskOutputStore(BlobServiceClient blobs) : ITaskOutputStore
{
    /// <summary>The container of every task's outputs.</summary>
    public const string Container = "task-outputs";

    /// <summary>The blob of output <paramref name="name"/> of <paramref name="taskId"/>, to write (the container created if needed).</summary>
    public async Task<BlobClient> BlobAsync(string taskId, string name, CancellationToken cancellationToken = default) =>
        (await ContainerAsync(cancellationToken)).GetBlobClient(BlobName(taskId, name));

    /// <summary>
    /// The blob of output <paramref name="name"/> of <paramref name="taskId"/>, to read, size or delete: no storage request
    /// (a missing container answers 404 like a missing blob).
    /// </summary>
    public BlobClient Blob(string taskId, string name) => blobs.GetBlobContainerClient(Container).GetBlobClient(BlobName(taskId, name));

    /// <summary>
    /// A stream that writes output <paramref name="name"/> of <paramref name="taskId"/> from scratch. It stages a block
    /// each time its buffer (<paramref name="bufferBytes"/>, or the SDK's default) fills and at every flush, and a blob
    /// holds at most 50,000 blocks: write without flushing. What an earlier attempt wrote is replaced only when the stream
    /// is disposed (the blocks are committed then), so a write cut short leaves no torn output.
    /// </summary>
    public async Task<Stream> OpenWriteAsync(string taskId, string name, string contentType, int? bufferBytes = null, CancellationToken cancellationToken = default) =>
        await (await ContainerAsync(cancellationToken)).GetBlockBlobClient(BlobName(taskId, name)).OpenWriteAsync(
            overwrite: true,
            new BlockBlobOpenWriteOptions { BufferSize = bufferBytes, HttpHeaders = new BlobHttpHeaders { ContentType = contentType } },
            cancellationToken);

    /// <summary>The size in bytes of output <paramref name="name"/> of <paramref name="taskId"/>, as written.</summary>
    public async Task<long> SizeAsync(string taskId, string name, CancellationToken cancellationToken = default) =>
        (await Blob(taskId, name).GetPropertiesAsync(cancellationToken: cancellationToken)).Value.ContentLength;

    /// <summary>The outputs container (created if needed).</summary>
    public async Task<BlobContainerClient> ContainerAsync(CancellationToken cancellationToken = default)
    {
        var container = blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        return container;
    }

    public async Task<TaskOutputPage?> ReadAsync(string taskId, string name, long offset, int maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        var blob = Blob(taskId, name);
        BlobProperties properties;
        try
        {
            properties = await blob.GetPropertiesAsync(cancellationToken: cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            return null;
        }

        var mimeType = properties.ContentType is { Length: > 0 } type ? type : "application/octet-stream";
        var length = Math.Min(maxBytes, properties.ContentLength - offset);
        if (length <= 0)
        {
            return new TaskOutputPage(ReadOnlyMemory<byte>.Empty, properties.ContentLength, mimeType);
        }

        // Only the range asked for is downloaded, streamed into a buffer of that size; the ETag pins the version whose size was read.
        var buffer = new byte[length];
        var download = await blob.DownloadStreamingAsync(
            new BlobDownloadOptions { Range = new HttpRange(offset, length), Conditions = new BlobRequestConditions { IfMatch = properties.ETag } },
            cancellationToken);
        await using (var stream = download.Value.Content)
        {
            await stream.ReadExactlyAsync(buffer, cancellationToken);
        }

        return new TaskOutputPage(buffer, properties.ContentLength, mimeType);
    }

    public async Task<int> DeleteAllAsync(string taskId, CancellationToken cancellationToken = default)
    {
        var container = blobs.GetBlobContainerClient(Container);
        var deleted = 0;
        try
        {
            await foreach (var blob in container.GetBlobsAsync(BlobTraits.None, BlobStates.None, taskId + "/", cancellationToken))
            {
                if ((await container.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken)).Value)
                {
                    deleted++;
                }
            }
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // No container yet: no task has written an output.
        }

        return deleted;
    }

    /// <summary>The blob name of an output: the task's folder, then the name.</summary>
    public static string BlobName(string taskId, string name) => $"{taskId}/{name}";
}
