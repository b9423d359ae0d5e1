namespace DurableMcp.Testing;

/// <summary>
/// One <see cref="InProcessServer"/> for a whole test class, started on first use (xunit 2 cannot hand the collection's
/// Azurite to a class fixture); a failed start fails every test of the class at once instead of being retried by each.
/// </summary>
public sealed class InProcessServerFixture : IAsyncLifetime
{
    private readonly Lock _lock = new();
    private Task<InProcessServer>? _start;

    /// <summary>The server with <paramref name="options"/>; only the first call of a class starts it, later calls get the same server.</summary>
    public Task<InProcessServer> GetAsync(AzuriteFixture azurite, InProcessServerOptions options)
    {
        lock (_lock)
        {
            return _start ??= InProcessServer.StartAsync(azurite, options);
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
