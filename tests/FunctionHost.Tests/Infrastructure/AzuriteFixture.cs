using System.Diagnostics;
using DurableMcp.DevStorage;
using DurableMcp.Testing;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>The repository's pinned Azurite on free loopback ports, its data in a fresh temporary folder, for the whole run.</summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private Process? _process;
    private string? _dataDirectory;

    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var root = AzuriteLauncher.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"No package.json with azurite above '{AppContext.BaseDirectory}'.");
        _dataDirectory = Directory.CreateTempSubdirectory("functionhost-tests-azurite-").FullName;
        for (var attempt = 1; ; attempt++)
        {
            var ports = AzuriteLauncher.FreePorts();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            try
            {
                _process = await AzuriteLauncher.StartAsync(root, ports, _dataDirectory, timeout.Token);
                ConnectionString = AzuriteLauncher.ConnectionString(ports);
                return;
            }
            catch (InvalidOperationException) when (attempt < 3)
            {
                // A port picked as free was taken before Azurite bound it.
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
