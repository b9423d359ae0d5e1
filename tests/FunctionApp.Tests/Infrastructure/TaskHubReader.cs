using DurableMcp.LocalHost;
using DurableMcp.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// Looks at a test's task hub the way an operator would: through a Durable Task client of its own (the local engine
/// with no worker), never by reading the hub's tables or queues.
/// </summary>
internal sealed class TaskHubReader : IAsyncDisposable
{
    private readonly IHost _host;

    private TaskHubReader(IHost host) => _host = host;

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<TaskHubReader> OpenAsync(AzuriteFixture azurite, string taskHub)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [LocalDurableTaskServiceCollectionExtensions.StorageConnectionSetting] = azurite.ConnectionString,
            ["DurableTask:HubName"] = taskHub,
            ["DurableTask:WorkerEnabled"] = "false",
        });
        builder.Services.AddLocalDurableTask(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        return new TaskHubReader(host);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
