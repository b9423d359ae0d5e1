using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests.Infrastructure;

/// <summary>One server process for a test class, started on first use (xunit 2 cannot hand a collection fixture to a class fixture).</summary>
public sealed class ServerFixture : IAsyncLifetime
{
    private readonly Lock _lock = new();
    private Task<ServerProcess>? _start;

    internal Task<ServerProcess> GetAsync(AzuriteFixture azurite)
    {
        lock (_lock)
        {
            return _start ??= ServerProcess.StartAsync(azurite);
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
