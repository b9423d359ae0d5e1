using DurableMcp.LocalHost;
using DurableTask.AzureStorage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableMcp.Bench;

/// <summary>
/// A plain <see cref="DurableTaskClient"/> on a task hub, in the bench process: the same engine registration the local
/// host uses (<c>AddLocalDurableTask</c>) with <c>DurableTask:WorkerEnabled=false</c>, so it schedules, reads and raises
/// events (an API-only sidecar) while the FunctionApp server process does the work. What the MCP layer adds is the
/// difference between going through <c>/mcp</c> and going through this.
/// </summary>
internal sealed class RawTaskHubClient : IAsyncDisposable
{
    private readonly IHost _host;

    private RawTaskHubClient(IHost host) => _host = host;

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>Deletes the task hub's tables, queues and containers (Azurite slows down as its tables grow).</summary>
    public Task DeleteTaskHubAsync() => _host.Services.GetRequiredService<AzureStorageOrchestrationService>().DeleteAsync();

    public static async Task<RawTaskHubClient> StartAsync(string connectionString, string hubName, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [LocalDurableTaskServiceCollectionExtensions.StorageConnectionSetting] = connectionString,
            [$"{LocalDurableTaskOptions.SectionName}:{nameof(LocalDurableTaskOptions.HubName)}"] = hubName,
            [$"{LocalDurableTaskOptions.SectionName}:{nameof(LocalDurableTaskOptions.WorkerEnabled)}"] = "false",
        });

        // Stdout carries the results table; the engine's warnings go to stderr with the progress lines.
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.AddLocalDurableTask(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync(cancellationToken);
        return new RawTaskHubClient(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
