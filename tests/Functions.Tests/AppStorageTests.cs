using DurableMcp.FunctionApp.Hosting;
using Microsoft.Extensions.Configuration;

namespace DurableMcp.Functions.Tests;

/// <summary>The tools' blob client reads AzureWebJobsStorage as the Functions host does, identity-based settings included.</summary>
public sealed class AppStorageTests
{
    [Theory]
    [InlineData("AzureWebJobsStorage", "UseDevelopmentStorage=true", "http://127.0.0.1:10000/devstoreaccount1")]
    [InlineData("AzureWebJobsStorage:accountName", "stdurablemcp", "https://stdurablemcp.blob.core.windows.net")]
    [InlineData("AzureWebJobsStorage:blobServiceUri", "https://stother.blob.core.windows.net", "https://stother.blob.core.windows.net")]
    public void CreateBlobServiceClient_EachSettingForm_ReachesItsAccount(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value, ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001" })
            .Build();

        Assert.Equal(expected, AppStorage.CreateBlobServiceClient(configuration).Uri.ToString().TrimEnd('/'));
    }

    [Theory]
    [InlineData("AzureWebJobsStorage", "UseDevelopmentStorage=true", "http://127.0.0.1:10002/devstoreaccount1")]
    [InlineData("AzureWebJobsStorage:accountName", "stdurablemcp", "https://stdurablemcp.table.core.windows.net")]
    [InlineData("AzureWebJobsStorage:tableServiceUri", "https://stother.table.core.windows.net", "https://stother.table.core.windows.net")]
    public void CreateTableServiceClient_EachSettingForm_ReachesItsAccount(string key, string value, string expected)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { [key] = value, ["AzureWebJobsStorage:clientId"] = "00000000-0000-0000-0000-000000000001" })
            .Build();

        Assert.Equal(expected, AppStorage.CreateTableServiceClient(configuration).Uri.ToString().TrimEnd('/'));
    }
}
