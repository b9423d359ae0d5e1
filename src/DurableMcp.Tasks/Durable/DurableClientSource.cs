using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DurableMcp.Tasks.Durable;

/// <summary>
/// Where the task layer gets its <see cref="DurableTaskClient"/>. The local host registers one client for the process;
/// under the Functions host a client is bound to each invocation (<c>[DurableClient]</c>), and the function makes it
/// current for the request with <see cref="Use"/>.
/// </summary>
public sealed class DurableClientSource(IServiceProvider services)
{
    private static readonly AsyncLocal<DurableTaskClient?> Bound = new();

    /// <summary>The client for the current request.</summary>
    public DurableTaskClient Client => Bound.Value ?? services.GetService<DurableTaskClient>()
        ?? throw new InvalidOperationException("No DurableTaskClient: register one (local host), or bind the invocation's client with DurableClientSource.Use (Functions host).");

    /// <summary>Makes <paramref name="client"/> the current one for this asynchronous flow, until disposed.</summary>
    public static IDisposable Use(DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var previous = Bound.Value;
        Bound.Value = client;
        return new Restore(previous);
    }

    private sealed class Restore(DurableTaskClient? previous) : IDisposable
    {
        public void Dispose() => Bound.Value = previous;
    }
}
