using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using DurableMcp.LocalHost;

namespace DurableMcp.FunctionApp.Hosting;

/// <summary>
/// The blob and table clients for the app's own storage account, read from <c>AzureWebJobsStorage</c> the way the Functions host
/// reads it: a connection string (Azurite, local), or identity-based settings (<c>__blobServiceUri</c> or
/// <c>__accountName</c>, with <c>__clientId</c> naming the user-assigned managed identity), as the Bicep deploys.
/// </summary>
internal static class AppStorage
{
    public static BlobServiceClient CreateBlobServiceClient(IConfiguration configuration)
    {
        var section = configuration.GetSection(LocalDurableTaskServiceCollectionExtensions.StorageConnectionSetting);
        if (section.Value is { Length: > 0 } connection)
        {
            return new BlobServiceClient(connection);
        }

        var endpoint = section["blobServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : section["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.blob.core.windows.net")
            : null;
        return endpoint is null
            ? new BlobServiceClient("UseDevelopmentStorage=true")
            : new BlobServiceClient(endpoint, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] }));
    }

    /// <summary>The table client of the same account (<c>run_etl</c> loads into it): the same setting forms, with <c>__tableServiceUri</c>.</summary>
    public static TableServiceClient CreateTableServiceClient(IConfiguration configuration)
    {
        var section = configuration.GetSection(LocalDurableTaskServiceCollectionExtensions.StorageConnectionSetting);
        if (section.Value is { Length: > 0 } connection)
        {
            return new TableServiceClient(connection);
        }

        var endpoint = section["tableServiceUri"] is { Length: > 0 } uri ? new Uri(uri)
            : section["accountName"] is { Length: > 0 } account ? new Uri($"https://{account}.table.core.windows.net")
            : null;
        return endpoint is null
            ? new TableServiceClient("UseDevelopmentStorage=true")
            : new TableServiceClient(endpoint, new DefaultAzureCredential(new DefaultAzureCredentialOptions { ManagedIdentityClientId = section["clientId"] }));
    }
}
