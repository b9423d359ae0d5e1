using System.Net;
using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableMcp.LocalHost;

/// <summary>
/// The Durable Task engine of the local host: DurableTask.AzureStorage served through the Durable Task SDK's gRPC sidecar
/// (<see cref="TaskHubGrpcServer"/>) on a private loopback port, the role the Functions host plays in Azure. The worker and
/// client of this process talk to it as they would to the Functions host's. Creates the task hub if it is missing.
/// </summary>
internal sealed class TaskHubSidecar(AzureStorageOrchestrationService service, IOptions<LocalDurableTaskOptions> options, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private WebApplication? _server;

    /// <summary>The sidecar's address: loopback, on <see cref="LocalDurableTaskOptions.SidecarPort"/> or a port free when the process starts.</summary>
    public Uri Address { get; } = new($"http://127.0.0.1:{(options.Value.SidecarPort > 0 ? options.Value.SidecarPort : FreeLoopbackPort())}");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync();
        // An empty builder: no configuration files, so nothing watches the working directory (a slim builder's
        // appsettings.json reload watches it recursively, which from the repository root means all of node_modules and
        // the Azurite data Azurite rewrites all the time).
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddSingleton(loggerFactory);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Address.Port, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddRoutingCore();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<IOrchestrationService>(new OutageTolerantOrchestrationService(service, loggerFactory.CreateLogger<OutageTolerantOrchestrationService>()));
        builder.Services.AddSingleton<IOrchestrationServiceClient>(service);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        builder.Services.Configure<TaskHubGrpcServerOptions>(o => o.Mode = options.Value.WorkerEnabled ? TaskHubGrpcServerMode.ApiServerAndDispatcher : TaskHubGrpcServerMode.ApiServerOnly);
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        _server = builder.Build();
        _server.MapGrpcService<TaskHubGrpcServer>();
        await _server.StartAsync(cancellationToken);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is not null)
        {
            await _server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
