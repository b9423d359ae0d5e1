using System.Diagnostics;
using Azure.Storage.Blobs;
using DurableMcp.DevStorage;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// The storage emulator for the whole run: the repository's pinned Azurite on free loopback ports, its data in a
/// fresh temporary folder. Test classes keep apart by task hub and container names, never by emulator.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private Process? _process;
    private string? _dataDirectory;

    /// <summary>The connection string of this Azurite (after initialization).</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>A blob client on this Azurite, for arranging inputs and reading outputs.</summary>
    public BlobServiceClient CreateBlobServiceClient() => new(ConnectionString);

    public async Task InitializeAsync()
    {
        var root = AzuriteLauncher.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"No package.json with azurite above '{AppContext.BaseDirectory}'.");
        _dataDirectory = Directory.CreateTempSubdirectory("functionapp-tests-azurite-").FullName;

        // A port picked as free can be taken before Azurite binds it; then Azurite exits and we pick new ports.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var ports = AzuriteLauncher.FreePorts();
            using var timeout = new CancellationTokenSource(StartTimeout);
            try
            {
                _process = await AzuriteLauncher.StartAsync(root, ports, _dataDirectory, timeout.Token);
                ConnectionString = AzuriteLauncher.ConnectionString(ports);
                return;
            }
            catch (InvalidOperationException) when (attempt < attempts)
            {
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_process is not null)
        {
            await ProcessTree.KillAsync(_process);
            _process.Dispose();
        }

        if (_dataDirectory is not null)
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }
    }
}
