using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// One server per test class, like <see cref="SharedServerFixture"/>, but started with the class's own settings (an
/// identity mode, limits, a TTL) on a task hub of its own. Started on first use; a failed start fails every test of the
/// class at once.
/// </summary>
public sealed class ConfiguredServerFixture : IAsyncLifetime
{
    private readonly Lock _lock = new();
    private Task<ServerProcess>? _start;

    /// <summary>The task hub of the server (after <see cref="GetAsync"/>).</summary>
    public string TaskHub { get; private set; } = "";

    /// <summary>
    /// The server: <see cref="ServerProcess.Settings"/> for a new task hub named after <paramref name="taskHubPrefix"/>,
    /// changed by <paramref name="configure"/>. Only the first call of a class starts it; later calls get the same server.
    /// </summary>
    internal Task<ServerProcess> GetAsync(AzuriteFixture azurite, string taskHubPrefix, Action<Dictionary<string, string>> configure)
    {
        lock (_lock)
        {
            if (_start is null)
            {
                TaskHub = TaskHubs.New(taskHubPrefix);
                var settings = ServerProcess.Settings(azurite, TaskHub);
                configure(settings);
                _start = ServerProcess.StartAsync(taskHubPrefix, settings);
            }

            return _start;
        }
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_start is { IsCompletedSuccessfully: true })
        {
            await _start.Result.DisposeAsync();
        }
    }
}
