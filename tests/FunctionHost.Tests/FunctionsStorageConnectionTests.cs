using Azure.Identity;
using DurableMcp.Engine.Hosting;
using DurableMcp.FunctionApp.Functions;
using Microsoft.Extensions.Configuration;

namespace DurableMcp.FunctionHost.Tests;

/// <summary>The engine's storage under the Functions host is the trigger's connection, read as the host reads it.</summary>
public sealed class FunctionsStorageConnectionTests
{
    [Fact]
    public void ConnectionString_BecomesTheEnginesOnlyStorageSetting()
    {
        var options = Apply(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" }, new DurableEngineOptions { AccountName = "elsewhere" });

        Assert.Equal("UseDevelopmentStorage=true", options.ConnectionString);
        Assert.Null(options.AccountName);
        Assert.Null(options.BlobServiceUri);
    }

    [Fact]
    public void IdentityBasedConnection_GivesTheServiceUrisAndTheNamedManagedIdentity()
    {
        var configuration = Configuration(new()
        {
            ["AzureWebJobsStorage__blobServiceUri"] = "https://account.blob.core.windows.net/",
            ["AzureWebJobsStorage__queueServiceUri"] = "https://account.queue.core.windows.net/",
            ["AzureWebJobsStorage__tableServiceUri"] = "https://account.table.core.windows.net/",
            ["AzureWebJobsStorage__credential"] = "managedidentity",
            ["AzureWebJobsStorage__clientId"] = "00000000-0000-0000-0000-000000000001",
        });
        var options = new DurableEngineOptions();
        FunctionsStorageConnection.ApplyTo(FunctionsStorageConnection.ToEngineSettings(configuration, "AzureWebJobsStorage"), options);

        Assert.Equal(new Uri("https://account.queue.core.windows.net/"), options.QueueServiceUri);
        Assert.Equal(new Uri("https://account.table.core.windows.net/"), options.TableServiceUri);
        Assert.IsType<ManagedIdentityCredential>(FunctionsStorageConnection.Credential(configuration, "AzureWebJobsStorage"));
    }

    [Fact]
    public void AccountName_IsUsedWhenTheUrisAreNotGiven()
    {
        var options = Apply(new() { ["AzureWebJobsStorage__accountName"] = "account" }, new DurableEngineOptions());
        Assert.Equal("account", options.AccountName);
        Assert.Null(FunctionsStorageConnection.Credential(Configuration(new() { ["AzureWebJobsStorage__accountName"] = "account" }), "AzureWebJobsStorage"));
    }

    [Fact]
    public void MissingConnection_NamesTheSettingsToSet()
    {
        var failure = Assert.Throws<InvalidOperationException>(() => FunctionsStorageConnection.ToEngineSettings(Configuration([]), "AzureWebJobsStorage"));
        Assert.Contains("'AzureWebJobsStorage__queueServiceUri'", failure.Message, StringComparison.Ordinal);
    }

    private static DurableEngineOptions Apply(Dictionary<string, string?> environment, DurableEngineOptions options)
    {
        FunctionsStorageConnection.ApplyTo(FunctionsStorageConnection.ToEngineSettings(Configuration(environment), "AzureWebJobsStorage"), options);
        return options;
    }

    // App settings arrive as environment variables, "__" standing for ":".
    private static IConfiguration Configuration(Dictionary<string, string?> environment) =>
        new ConfigurationBuilder().AddInMemoryCollection(environment.ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => e.Value)).Build();
}
