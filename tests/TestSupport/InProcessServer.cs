using DurableMcp.LocalHost;
using DurableMcp.Tasks.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableMcp.Testing;

/// <summary>
/// The MCP endpoint built the way the app builds it (<c>WithHttpTransport().WithDurableTasks()</c>, both protocol
/// revisions on <c>/mcp</c>), with a suite's test-only durable tools instead of the app's, on real Kestrel on loopback and
/// the local Durable Task engine on Azurite (a task hub of its own). No caller identity: tasks are bound to nobody.
/// What the task layer logs is kept in <see cref="Log"/>. For behaviour that needs a tool the app does not have.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _disposed;

    private InProcessServer(WebApplication app, Uri baseAddress, string taskHub, CapturedLog log)
    {
        _app = app;
        BaseAddress = baseAddress;
        TaskHub = taskHub;
        Log = log;
    }

    /// <summary>Where the server listens: <c>http://127.0.0.1:{port}</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The MCP endpoint, <c>/mcp</c>.</summary>
    public Uri McpEndpoint => new(BaseAddress, "/mcp");

    /// <summary>The server's task hub.</summary>
    public string TaskHub { get; }

    /// <summary>Warnings and errors of the server, and everything the durable task layer (<c>DurableMcp.*</c>) logs.</summary>
    public CapturedLog Log { get; }

    /// <summary>Builds and starts the server on a new task hub of this run's Azurite.</summary>
    public static async Task<InProcessServer> StartAsync(AzuriteFixture azurite, InProcessServerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(azurite);
        ArgumentNullException.ThrowIfNull(options);
        var taskHub = TaskHubs.New(options.TaskHubPrefix);
        var log = new CapturedLog();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [LocalDurableTaskServiceCollectionExtensions.StorageConnectionSetting] = azurite.ConnectionString,
            ["DurableTask:HubName"] = taskHub,
            ["DurableTask:MaxQueuePollingInterval"] = "00:00:00.250",
            ["McpTasks:DefaultTtl"] = "01:00:00",
            ["McpTasks:PollInterval"] = "00:00:00.200",
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("DurableMcp", LogLevel.Information);
        builder.Logging.AddProvider(log);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var mcp = builder.Services
            .AddMcpServer(server => server.ServerInfo = new() { Name = "in-process-test-server", Version = "1.0.0" })
            .WithHttpTransport()
            .WithDurableTasks(builder.Configuration);
        options.Tools(mcp);
        builder.Services.AddLocalDurableTask(builder.Configuration);

        var app = builder.Build();
        try
        {
            options.Configure?.Invoke(app.Services);
            app.MapMcp("/mcp").WithDurableTasks2025();
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new InProcessServer(app, new Uri(address), taskHub, log);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A client of <see cref="McpEndpoint"/>, sending <c>Authorization: Bearer {bearerToken}</c> when given; its failures show <see cref="Log"/>.</summary>
    public McpHttpClient CreateClient(string? bearerToken = null) => new(McpEndpoint, bearerToken, Log.ToString);

    /// <summary>Stops the server (3 s at most: a worker stopped mid-poll must not hold the test run); later calls do nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
