using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// One worker-enabled server for all the tests of a class that do not interfere with each other, on a task hub of
/// its own. Started on first use (xunit 2 cannot hand the collection's Azurite to a class fixture); a failed start
/// fails every test of the class at once instead of being retried by each.
/// </summary>
public sealed class SharedServerFixture : IAsyncLifetime
{
    private readonly Lock _lock = new();
    private Task<ServerProcess>? _start;

    internal Task<ServerProcess> GetAsync(AzuriteFixture azurite, string taskHubPrefix)
    {
        lock (_lock)
        {
            return _start ??= ServerProcess.StartAsync(taskHubPrefix, ServerProcess.Settings(azurite, TaskHubs.New(taskHubPrefix)));
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
