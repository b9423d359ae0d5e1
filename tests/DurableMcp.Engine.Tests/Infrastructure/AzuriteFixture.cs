using System.Diagnostics;
using DurableMcp.DevStorage;

namespace DurableMcp.Engine.Tests.Infrastructure;

/// <summary>
/// One Azurite for the whole test run, on free loopback ports, with its data in a temporary folder. Tests isolate
/// themselves by task hub (see <see cref="TestTaskHub"/>), not by emulator.
/// </summary>
public sealed class AzuriteFixture : IAsyncLifetime
{
    private const int StartAttempts = 3;
    private Process? _azurite;
    private string? _dataDirectory;

    /// <summary>A connection string for this Azurite; valid once the fixture is initialized.</summary>
    public string ConnectionString { get; private set; } = "";

    public async Task InitializeAsync()
    {
        var root = AzuriteLauncher.FindRepositoryRoot(AppContext.BaseDirectory)
            ?? throw new InvalidOperationException($"No repository root (package.json with azurite) above {AppContext.BaseDirectory}.");
        _dataDirectory = Path.Combine(Path.GetTempPath(), "durablemcp-engine-tests-" + Guid.NewGuid().ToString("N"));

        // Free ports can be taken between picking and binding them; pick again rather than fail the run.
        for (var attempt = 1; ; attempt++)
        {
            var ports = AzuriteLauncher.FreePorts();
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
                _azurite = await AzuriteLauncher.StartAsync(root, ports, _dataDirectory, timeout.Token);
                ConnectionString = AzuriteLauncher.ConnectionString(ports);
                return;
            }
            catch (InvalidOperationException) when (attempt < StartAttempts)
            {
                // Azurite exited early, most likely because a port was taken meanwhile.
            }
        }
    }

    public async Task DisposeAsync()
    {
        if (_azurite is not null)
        {
            if (!_azurite.HasExited)
            {
                _azurite.Kill(entireProcessTree: true);
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _azurite.WaitForExitAsync(timeout.Token);
            }

            _azurite.Dispose();
        }

        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
