using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>One in-process server with the test-only durable tools for a whole test class, started on first use.</summary>
public sealed class InProcessServerFixture : IAsyncLifetime
{
    private readonly Lock _lock = new();
    private Task<InProcessServer>? _start;

    internal Task<InProcessServer> GetAsync(AzuriteFixture azurite)
    {
        lock (_lock)
        {
            return _start ??= InProcessServer.StartAsync<TestDurableTools>(azurite, TaskHubs.New("inprocess"));
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
