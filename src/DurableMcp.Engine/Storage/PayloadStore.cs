using Azure;
using Azure.Storage.Blobs.Models;
using DurableMcp.Engine.Hosting;
using Microsoft.Extensions.Options;

namespace DurableMcp.Engine.Storage;

/// <summary>
/// Keeps payloads (inputs, outputs, journals) inline in the instance row while they are small, and in a blob
/// under the instance's prefix once they outgrow a table property. A stored value is either the JSON itself
/// or <c>blob:{name}</c>. Blob names are unique per write, so a row never points at a blob that a losing
/// concurrent writer could overwrite.
/// </summary>
internal sealed class PayloadStore(TaskHubStorage storage, IOptions<DurableEngineOptions> options)
{
    private const string BlobPrefix = "blob:";
    private readonly int _maxInlineChars = options.Value.MaxInlinePayloadChars;

    /// <summary>Returns the value to store in the row: <paramref name="json"/> itself, or a reference to the blob it was written to.</summary>
    public async Task<string?> StoreAsync(string instanceId, string kind, string? json, CancellationToken cancellationToken = default)
    {
        if (json is null || json.Length <= _maxInlineChars)
        {
            return json;
        }

        await storage.EnsureCreatedAsync(cancellationToken);
        var name = $"{instanceId}/{kind}-{Guid.NewGuid():N}.json";
        await storage.Payloads.GetBlobClient(name).UploadAsync(BinaryData.FromString(json), overwrite: true, cancellationToken);
        return BlobPrefix + name;
    }

    /// <summary>Resolves a stored value back to its JSON.</summary>
    public async Task<string?> LoadAsync(string? stored, CancellationToken cancellationToken = default)
    {
        if (stored is null || !stored.StartsWith(BlobPrefix, StringComparison.Ordinal))
        {
            return stored;
        }

        try
        {
            var content = await storage.Payloads.GetBlobClient(stored[BlobPrefix.Length..]).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToString();
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new InvalidDataException($"The payload blob '{stored[BlobPrefix.Length..]}' is missing.", e);
        }
    }

    /// <summary>Deletes a blob that a stored value points to, if it does; used when a newer one replaced it.</summary>
    public async Task DeleteAsync(string? stored, CancellationToken cancellationToken = default)
    {
        if (stored is not null && stored.StartsWith(BlobPrefix, StringComparison.Ordinal))
        {
            await storage.Payloads.GetBlobClient(stored[BlobPrefix.Length..]).DeleteIfExistsAsync(cancellationToken: cancellationToken);
        }
    }

    /// <summary>Deletes every payload blob of an instance; returns how many there were.</summary>
    public async Task<int> DeleteAllAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await storage.EnsureCreatedAsync(cancellationToken);
        var deleted = 0;
        await foreach (var blob in storage.Payloads.GetBlobsAsync(BlobTraits.None, BlobStates.None, instanceId + "/", cancellationToken))
        {
            if (await storage.Payloads.DeleteBlobIfExistsAsync(blob.Name, cancellationToken: cancellationToken))
            {
                deleted++;
            }
        }

        return deleted;
    }
}
