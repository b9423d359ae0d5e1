namespace DurableMcp.Testing;

/// <summary>
/// One <see cref="ServerProcess"/> for the tests of a class that do not interfere with each other, on a task hub of its
/// own, started with the class's settings (an identity mode, limits, a TTL). Started on first use (xunit 2 cannot hand
/// the collection's Azurite to a class fixture); a failed start fails every test of the class at once instead of being
/// retried by each.
/// </summary>
public sealed class ServerProcessFixture : IAsyncLifetime
{
    private readonly Lock _lock = new();
    private Task<ServerProcess>? _start;

    /// <summary>The task hub of the server (after <see cref="GetAsync"/>).</summary>
    public string TaskHub { get; private set; } = "";

    /// <summary>
    /// The server: <see cref="ServerSettings.Anonymous"/> for a new task hub named after <paramref name="taskHubPrefix"/>,
    /// changed by <paramref name="configure"/> when given. Only the first call of a class starts it; later calls get the
    /// same server.
    /// </summary>
    public Task<ServerProcess> GetAsync(AzuriteFixture azurite, string taskHubPrefix, Action<Dictionary<string, string>>? configure = null)
    {
        lock (_lock)
        {
            if (_start is null)
            {
                TaskHub = TaskHubs.New(taskHubPrefix);
                var settings = ServerSettings.Anonymous(azurite, TaskHub);
                configure?.Invoke(settings);
                _start = ServerProcess.StartAsync(taskHubPrefix, settings);
            }

            return _start;
        }
    }

    /// <inheritdoc />
    public Task InitializeAsync() => Task.CompletedTask;

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (_start is { IsCompletedSuccessfully: true })
        {
            await _start.Result.DisposeAsync();
        }
    }
}
