using Azure.Identity;
using Azure.Storage.Blobs;
using DurableMcp.LocalHost;

namespace DurableMcp.FunctionApp.Hosting;

/// <summary>
/// The blob client for the app's own storage account, read from <c>AzureWebJobsStorage</c> the way the Functions host
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
}
