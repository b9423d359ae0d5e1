using DurableMcp.LocalHost;
using DurableMcp.Tasks.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// The MCP endpoint built the way Program.cs builds it, with test-only durable tools, on real Kestrel on loopback.
/// For behaviour that needs a tool the app does not have (a task-only tool).
/// </summary>
internal sealed class InProcessServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private InProcessServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<InProcessServer> StartAsync<TTools>(AzuriteFixture azurite, string taskHub, CancellationToken cancellationToken = default)
        where TTools : class
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { EnvironmentName = "Production", ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["DurableTask:HubName"] = taskHub,
            ["DurableTask:MaxQueuePollingInterval"] = "00:00:00.250",
            ["McpTasks:DefaultTtl"] = "01:00:00",
            ["McpTasks:PollInterval"] = "00:00:00.200",
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services
            .AddMcpServer(options => options.ServerInfo = new() { Name = "in-process-test-server", Version = "1.0.0" })
            .WithHttpTransport()
            .WithDurableTasks(builder.Configuration)
            .WithDurableTools<TTools>()
            .WithActivity<CountParts>()
            .WithActivity<ReportLine>();
        builder.Services.AddLocalDurableTask(builder.Configuration);

        var app = builder.Build();
        app.MapMcp("/mcp");
        try
        {
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
            return new InProcessServer(app, new Uri(address));
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    public McpHttpClient CreateClient() => new(new Uri(BaseAddress, "/mcp"));

    public async ValueTask DisposeAsync()
    {
        // Bounded: a worker stopped mid-poll must not hold the test run.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}
