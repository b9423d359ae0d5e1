using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// Two server processes on one task hub, as behind a load balancer: <see cref="Worker"/> runs work,
/// <see cref="Frontend"/> (<c>WorkerEnabled=false</c>) only answers requests. Started on first use.
/// </summary>
public sealed class ServerPairFixture : IAsyncLifetime
{
    private readonly Lock _lock = new();
    private Task<ServerProcess>? _worker;
    private Task<ServerProcess>? _frontend;

    internal ServerProcess Worker => _worker is { IsCompletedSuccessfully: true } ? _worker.Result : throw new InvalidOperationException("The pair is not started.");

    /// <summary>The task hub both processes serve (set once started).</summary>
    internal string TaskHub { get; private set; } = "";

    internal ServerProcess Frontend => _frontend is { IsCompletedSuccessfully: true } ? _frontend.Result : throw new InvalidOperationException("The pair is not started.");

    /// <summary>Starts the pair (the first call only), with <paramref name="configure"/> applied to both processes' settings when given.</summary>
    internal Task StartAsync(AzuriteFixture azurite, Action<Dictionary<string, string>>? configure = null)
    {
        lock (_lock)
        {
            if (_worker is null || _frontend is null)
            {
                var taskHub = TaskHub = TaskHubs.New("pair");
                _worker = ServerProcess.StartAsync("worker", Settings(azurite, taskHub, workerEnabled: true, configure));
                _frontend = ServerProcess.StartAsync("frontend", Settings(azurite, taskHub, workerEnabled: false, configure));
            }

            return Task.WhenAll(_worker, _frontend);
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    private static Dictionary<string, string> Settings(AzuriteFixture azurite, string taskHub, bool workerEnabled, Action<Dictionary<string, string>>? configure)
    {
        var settings = ServerSettings.Anonymous(azurite, taskHub, workerEnabled);
        configure?.Invoke(settings);
        return settings;
    }

    public async Task DisposeAsync()
    {
        foreach (var start in new[] { _worker, _frontend })
        {
            if (start is { IsCompletedSuccessfully: true })
            {
                await start.Result.DisposeAsync();
            }
        }
    }
}
