using System.Diagnostics;
using DurableMcp.DevStorage;
using DurableMcp.LocalHost;

namespace DurableMcp.FunctionApp.LocalHost;

/// <summary>
/// The local run's storage: when AzureWebJobsStorage is the emulator (or unset) (<c>UseDevelopmentStorage=true</c>) and
/// nothing listens on the Azurite ports, starts the repository's pinned Azurite (installing it with npm if needed),
/// with its data in the git-ignored <c>.azurite</c> folder, and stops it with the server.
/// </summary>
internal sealed class LocalAzurite : IAsyncDisposable
{
    private readonly Process? _process;

    private LocalAzurite(Process? process) => _process = process;

    public static async Task<LocalAzurite> StartIfNeededAsync(IConfiguration configuration, string contentRoot, CancellationToken cancellationToken = default)
    {
        var connection = configuration[LocalDurableTaskServiceCollectionExtensions.StorageConnectionSetting];
        var usesEmulator = (string.IsNullOrEmpty(connection) ? "UseDevelopmentStorage=true" : connection).Contains("UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
        if (!usesEmulator || AzuriteLauncher.IsListening(AzuriteLauncher.DefaultPorts))
        {
            return new LocalAzurite(null);
        }

        var root = AzuriteLauncher.FindRepositoryRoot(contentRoot) ?? AzuriteLauncher.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException(
                "Storage is the local emulator but nothing listens on ports 10000-10002, and no package.json with Azurite was found above " +
                $"'{contentRoot}'. Start Azurite yourself, or set AzureWebJobsStorage to a storage connection string.");
        Console.WriteLine($"Starting Azurite from {root} (data in {Path.Combine(root, ".azurite")})...");
        var process = await AzuriteLauncher.StartAsync(root, AzuriteLauncher.DefaultPorts, Path.Combine(root, ".azurite"), cancellationToken);
        return new LocalAzurite(process);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }
}
