using System.Diagnostics;
using Azure.Storage.Blobs;
using DurableMcp.DevStorage;

namespace DurableMcp.Testing;

/// <summary>
/// The storage emulator for a whole test run: the repository's pinned Azurite on free loopback ports, its data in a fresh
/// temporary folder. Test classes keep apart by task hub and container names, never by emulator.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private Process? _process;
    private string? _dataDirectory;

    /// <summary>The connection string of this run's Azurite (blob, queue and table endpoints), set once initialised.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The repository root: where the pinned Azurite (package.json) and the other tools of the run are.</summary>
    public string RepositoryRoot { get; private set; } = "";

    /// <summary>A blob client of this run's Azurite.</summary>
    public BlobServiceClient CreateBlobServiceClient() => new(ConnectionString);

    public async Task InitializeAsync()
    {
        RepositoryRoot = AzuriteLauncher.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"No package.json with azurite above '{AppContext.BaseDirectory}'.");
        _dataDirectory = Directory.CreateTempSubdirectory("durablemcp-tests-azurite-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            var ports = AzuriteLauncher.FreePorts();
            using var timeout = new CancellationTokenSource(StartTimeout);
            try
            {
                _process = await AzuriteLauncher.StartAsync(RepositoryRoot, ports, _dataDirectory, timeout.Token);
                ConnectionString = AzuriteLauncher.ConnectionString(ports);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // A port picked as free was taken before Azurite bound it; pick new ones.
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

        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
