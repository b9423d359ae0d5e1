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

    /// <summary>
    /// Makes <paramref name="settings"/> (from <see cref="ToEngineSettings"/>) the engine's only storage settings: a
    /// <c>DurableEngine:AccountName</c> or service URI set elsewhere must not take the engine to another account.
    /// </summary>
    public static void ApplyTo(IReadOnlyDictionary<string, string?> settings, DurableEngineOptions options)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        string? Get(string name) => settings.TryGetValue(DurableEngineOptions.SectionName + ":" + name, out var value) ? value : null;
        options.ConnectionString = Get(nameof(DurableEngineOptions.ConnectionString)) ?? options.ConnectionString;
        options.AccountName = Get(nameof(DurableEngineOptions.AccountName));
        options.BlobServiceUri = Get(nameof(DurableEngineOptions.BlobServiceUri)) is { } blob ? new Uri(blob) : null;
        options.QueueServiceUri = Get(nameof(DurableEngineOptions.QueueServiceUri)) is { } queue ? new Uri(queue) : null;
        options.TableServiceUri = Get(nameof(DurableEngineOptions.TableServiceUri)) is { } table ? new Uri(table) : null;
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
