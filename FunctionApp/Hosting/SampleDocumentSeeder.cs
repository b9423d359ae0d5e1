using System.Globalization;
using Azure.Storage.Blobs;
using DurableMcp.Tools.Documents;

namespace DurableMcp.FunctionApp.Hosting;

/// <summary>
/// For the README's walk-through: when <c>Samples:Seed</c> is true (the default in Development), writes a small
/// backlog of sample documents to <c>samples/backlog/</c> if it is not there yet.
/// </summary>
internal sealed class SampleDocumentSeeder(BlobServiceClient blobs, IConfiguration configuration, IHostEnvironment environment, ILogger<SampleDocumentSeeder> logger) : BackgroundService
{
    public const string Container = "samples";
    public const string Prefix = "backlog/";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!configuration.GetValue("Samples:Seed", environment.IsDevelopment()))
        {
            return;
        }

        try
        {
            var container = blobs.GetBlobContainerClient(Container);
            await container.CreateIfNotExistsAsync(cancellationToken: stoppingToken);
            var documents = SampleDocuments.All;
            for (var i = 0; i < documents.Count; i++)
            {
                var blob = container.GetBlobClient(string.Create(CultureInfo.InvariantCulture, $"{Prefix}doc-{i:D3}.txt"));
                if (!await blob.ExistsAsync(stoppingToken))
                {
                    await blob.UploadAsync(BinaryData.FromString(documents[i]), stoppingToken);
                }
            }

            logger.LogInformation("Sample documents are in {Container}/{Prefix} ({Count} documents)", Container, Prefix, documents.Count);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Could not seed the sample documents; the walk-through in the README needs them");
        }
    }
}
