using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace DurableMcp.Engine.Hosting;

/// <summary>
/// Builds Azure Storage clients from <see cref="DurableEngineOptions"/>: a connection string, or endpoints with
/// <c>DefaultAzureCredential</c> (managed identity in Azure, developer credentials locally). Hosts use it too, so
/// tools reach the same account the engine uses.
/// </summary>
public static class StorageClientFactory
{
    public static BlobServiceClient CreateBlobServiceClient(DurableEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = Configure(new BlobClientOptions(), options);
        return UsesCredential(options)
            ? new BlobServiceClient(options.BlobServiceUri ?? Endpoint(options, "blob"), Credential(options), clientOptions)
            : new BlobServiceClient(options.ConnectionString, clientOptions);
    }

    public static QueueServiceClient CreateQueueServiceClient(DurableEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = Configure(new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None }, options);
        return UsesCredential(options)
            ? new QueueServiceClient(options.QueueServiceUri ?? Endpoint(options, "queue"), Credential(options), clientOptions)
            : new QueueServiceClient(options.ConnectionString, clientOptions);
    }

    public static TableServiceClient CreateTableServiceClient(DurableEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clientOptions = Configure(new TableClientOptions(), options);
        return UsesCredential(options)
            ? new TableServiceClient(options.TableServiceUri ?? Endpoint(options, "table"), Credential(options), clientOptions)
            : new TableServiceClient(options.ConnectionString, clientOptions);
    }

    private static TokenCredential Credential(DurableEngineOptions options) => options.Credential ?? new DefaultAzureCredential();

    private static bool UsesCredential(DurableEngineOptions options) =>
        options.BlobServiceUri is not null || !string.IsNullOrWhiteSpace(options.AccountName);

    private static Uri Endpoint(DurableEngineOptions options, string service) => new($"https://{options.AccountName}.{service}.core.windows.net");

    private static T Configure<T>(T clientOptions, DurableEngineOptions options)
        where T : ClientOptions
    {
        options.ConfigureClientOptions?.Invoke(clientOptions);
        return clientOptions;
    }
}
