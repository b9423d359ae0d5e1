using System.Diagnostics;
using Azure.Storage.Blobs;
using DurableMcp.DevStorage;

namespace DurableMcp.Testing;

/// <summary>
/// The storage emulator for a whole test run: the repository's pinned Azurite on free loopback ports, its data in a fresh
/// temporary folder. Test classes keep apart by task hub and container names, never by emulator; a class that takes
/// storage away (<see cref="StopAsync"/>, <see cref="StartAgainAsync"/>) has one of its own (a class fixture).
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(15);
    private Process? _process;
    private string? _dataDirectory;
    private AzuritePorts? _ports;
    private int _servicesClosed;

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
                _process = await AzuriteLauncher.StartAsync(RepositoryRoot, ports, _dataDirectory, timeout.Token, Watch);
                _ports = ports;
                ConnectionString = AzuriteLauncher.ConnectionString(ports);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // A port picked as free was taken before Azurite bound it; pick new ones.
            }
        }
    }

    /// <summary>
    /// Takes storage away, as an outage does: asks Azurite to stop (SIGTERM) and waits until its three services say they
    /// closed (their data saved, their ports closed), then ends the process, which lingers after that. Its ports and
    /// data stay for <see cref="StartAgainAsync"/>.
    /// </summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        Volatile.Write(ref _servicesClosed, 0);
        await ProcessTree.SignalAsync(_process, "TERM");
        await Poll.UntilAsync(() => Task.FromResult(Volatile.Read(ref _servicesClosed)), closed => closed >= 3 || _process.HasExited, StopTimeout, "Azurite's three services to close");
        await ProcessTree.KillAsync(_process);
        _process.Dispose();
        _process = null;
    }

    /// <summary>Starts Azurite again after <see cref="StopAsync"/>: the same ports (the same connection string) and the same data.</summary>
    public async Task StartAgainAsync()
    {
        if (_process is not null || _ports is null || _dataDirectory is null)
        {
            throw new InvalidOperationException("Azurite runs, or never ran: StartAgainAsync follows StopAsync.");
        }

        using var timeout = new CancellationTokenSource(StartTimeout);
        _process = await AzuriteLauncher.StartAsync(RepositoryRoot, _ports, _dataDirectory, timeout.Token, Watch);
    }

    private void Watch(string line)
    {
        if (line.Contains("successfully closed", StringComparison.Ordinal))
        {
            Interlocked.Increment(ref _servicesClosed);
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
