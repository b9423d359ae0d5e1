using DurableMcp.LocalHost;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Protocol2025;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests.Infrastructure;

/// <summary>
/// The MCP endpoint built as Program.cs builds it, with <see cref="RequiredTaskTools"/>, on real Kestrel on loopback and
/// the local Durable Task engine on Azurite (a task hub of its own), with no caller identity (tasks bound to nobody, so
/// <c>tasks/list</c> is neither advertised nor served). The task layer's log events are captured in <see cref="Log"/>.
/// </summary>
public sealed class InProcessServer : IAsyncLifetime
{
    /// <summary>How often a quiet tasks/result stream sends a keep-alive comment here (15 s in the product).</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(1);

    private WebApplication? _app;

    public Uri Endpoint { get; private set; } = null!;

    internal CapturedLog Log { get; } = new();

    internal async Task StartAsync(AzuriteFixture azurite)
    {
        if (_app is not null)
        {
            return;
        }

        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [LocalDurableTaskServiceCollectionExtensions.StorageConnectionSetting] = azurite.ConnectionString,
            ["DurableTask:HubName"] = "inproc" + Guid.NewGuid().ToString("N")[..8],
            ["DurableTask:MaxQueuePollingInterval"] = "00:00:00.250",
            ["McpTasks:DefaultTtl"] = "01:00:00",
            ["McpTasks:PollInterval"] = "00:00:00.200",
        });
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("DurableMcp", LogLevel.Information);
        builder.Logging.AddProvider(Log);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services
            .AddMcpServer(options => options.ServerInfo = new() { Name = "in-process-test-server", Version = "1.0.0" })
            .WithHttpTransport()
            .WithDurableTasks(builder.Configuration)
            .WithDurableTools(typeof(RequiredTaskTools))
            .WithActivity<ExportParts>();
        builder.Services.AddLocalDurableTask(builder.Configuration);

        var app = builder.Build();
        app.Services.GetRequiredService<TaskResultHttpHandler>().KeepAliveInterval = KeepAliveInterval;
        app.MapMcp("/mcp").WithDurableTasks2025();
        await app.StartAsync();
        _app = app;
        Endpoint = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single()), "/mcp");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
            await _app.StopAsync(timeout.Token);
            await _app.DisposeAsync();
            _app = null;
        }
    }
}
