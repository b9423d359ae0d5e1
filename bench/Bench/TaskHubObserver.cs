using DurableMcp.Engine;
using DurableMcp.Engine.Client;
using DurableMcp.Engine.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace DurableMcp.Bench;

/// <summary>
/// Reads a task hub's instances in the bench process through the engine's own <see cref="DurableClient"/> (not through
/// the servers, so it adds nothing to their storage counts). No worker runs here.
/// </summary>
internal sealed class TaskHubObserver : IAsyncDisposable
{
    private static readonly OrchestrationStatus[] Unfinished = [OrchestrationStatus.Pending, OrchestrationStatus.Running];
    private readonly ServiceProvider _services;
    private readonly DurableClient _client;

    public TaskHubObserver(string connectionString, string taskHub)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableEngine(configure: options =>
        {
            options.ConnectionString = connectionString;
            options.TaskHub = taskHub;
            options.WorkerEnabled = false;
        });
        _services = services.BuildServiceProvider();
        _client = _services.GetRequiredService<DurableClient>();
    }

    /// <summary>True when no instance is pending or running (one query of at most one row).</summary>
    public async Task<bool> IsDrainedAsync(CancellationToken cancellationToken = default)
    {
        var page = await _client.QueryAsync(new InstanceQuery { Statuses = Unfinished, PageSize = 1 }, cancellationToken);
        return page.Instances.Count == 0 && page.ContinuationToken is null;
    }

    /// <summary>Every instance of the hub (without outputs).</summary>
    public async Task<IReadOnlyList<OrchestrationInstance>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<OrchestrationInstance>();
        string? token = null;
        do
        {
            var page = await _client.QueryAsync(new InstanceQuery { PageSize = 1000, ContinuationToken = token }, cancellationToken);
            all.AddRange(page.Instances);
            token = page.ContinuationToken;
        }
        while (token is not null);
        return all;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}
