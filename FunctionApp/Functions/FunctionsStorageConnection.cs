using Azure.Core;
using Azure.Identity;
using DurableMcp.Engine.Hosting;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// Under the Functions host the engine uses the storage its queue trigger listens on: the Functions connection the
/// trigger names (<c>AzureWebJobsStorage</c>), read the way the host reads it. Either a connection string (the setting
/// itself, Azurite locally), or identity-based settings <c>{name}__blobServiceUri</c>, <c>__queueServiceUri</c>,
/// <c>__tableServiceUri</c> (or <c>__accountName</c>) with <c>__credential=managedidentity</c> and <c>__clientId</c>.
/// </summary>
internal static class FunctionsStorageConnection
{
    /// <summary>The engine settings (keys under <c>DurableEngine</c>) that point the engine at connection <paramref name="name"/>.</summary>
    public static Dictionary<string, string?> ToEngineSettings(IConfiguration configuration, string name)
    {
        var prefix = DurableEngineOptions.SectionName + ":";
        if (configuration[name] is { Length: > 0 } connectionString)
        {
            return new() { [prefix + nameof(DurableEngineOptions.ConnectionString)] = connectionString };
        }

        var section = configuration.GetSection(name);
        if (section["blobServiceUri"] is { Length: > 0 } blob && section["queueServiceUri"] is { Length: > 0 } queue && section["tableServiceUri"] is { Length: > 0 } table)
        {
            return new()
            {
                [prefix + nameof(DurableEngineOptions.BlobServiceUri)] = blob,
                [prefix + nameof(DurableEngineOptions.QueueServiceUri)] = queue,
                [prefix + nameof(DurableEngineOptions.TableServiceUri)] = table,
            };
        }

        if (section["accountName"] is { Length: > 0 } account)
        {
            return new() { [prefix + nameof(DurableEngineOptions.AccountName)] = account };
        }

        throw new InvalidOperationException(
            $"The storage connection '{name}' that the queue trigger uses is not configured. Set '{name}' to a connection string, or " +
            $"'{name}__blobServiceUri', '{name}__queueServiceUri' and '{name}__tableServiceUri' (or '{name}__accountName') for an identity-based connection.");
    }

    /// <summary>The managed identity the connection names (<c>__credential=managedidentity</c>), or null for <c>DefaultAzureCredential</c>.</summary>
    public static TokenCredential? Credential(IConfiguration configuration, string name)
    {
        var section = configuration.GetSection(name);
        if (!string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new ManagedIdentityCredential(section["clientId"] is { Length: > 0 } clientId
            ? ManagedIdentityId.FromUserAssignedClientId(clientId)
            : ManagedIdentityId.SystemAssigned);
    }
}
