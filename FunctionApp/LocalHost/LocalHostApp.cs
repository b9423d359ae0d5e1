using DurableMcp.FunctionApp.Mcp;
using DurableMcp.FunctionApp.Security;
using DurableMcp.LocalHost;

namespace DurableMcp.FunctionApp.LocalHost;

/// <summary>
/// The host-less mode (<c>dotnet run</c>, tests, the benchmark): ASP.NET Core serves the same MCP endpoint, and the same
/// orchestrations and activities run in this process on DurableTask.Core + DurableTask.AzureStorage (the Durable Functions
/// task hub layout, so <c>func start</c> can serve the same data). Starts Azurite when storage is the local emulator.
/// </summary>
internal static class LocalHostApp
{
    public static async Task RunAsync(string[] args)
    {
        // Settings files sit beside the executable, wherever it is started from.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(HostUrls.Resolve(builder.Configuration));
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = builder.Configuration.ReadIdentity().MaxRequestBodyBytes);

        await using var azurite = await LocalAzurite.StartIfNeededAsync(builder.Configuration, builder.Environment.ContentRootPath);

        builder.Services.AddDurableMcpServer(builder.Configuration);
        builder.Services.AddLocalDurableTask(builder.Configuration);
        builder.Services.AddHostedService<TaskJanitorService>();

        var app = builder.Build();
        app.Logger.LogInformation("Local host: no Functions host launched this process; running the Durable Task engine in-process on task hub storage from AzureWebJobsStorage");
        app.UseMiddleware<JsonRpcErrorBoundary>();
        app.UseCallerIdentity();
        app.MapDurableMcp();
        await app.RunAsync();
    }
}
