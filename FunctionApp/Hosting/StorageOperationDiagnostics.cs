using System.Net;
using DurableMcp.Engine.Hosting;

namespace DurableMcp.FunctionApp.Hosting;

/// <summary>
/// Opt-in storage operation counting for benchmarks: with <c>Diagnostics:CountStorageOperations=true</c>, every engine
/// storage client counts its requests (<see cref="StorageOperationCounter"/>) and <c>GET /diagnostics/storage-operations</c>
/// returns the counts to loopback callers. Off by default; nothing is registered or mapped then.
/// </summary>
internal static class StorageOperationDiagnostics
{
    public const string SettingName = "Diagnostics:CountStorageOperations";
    public const string Path = "/diagnostics/storage-operations";

    public static WebApplicationBuilder AddStorageOperationCounting(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration.GetValue<bool>(SettingName))
        {
            builder.Services.AddSingleton<StorageOperationCounter>();
            builder.Services.AddOptions<DurableEngineOptions>()
                .Configure<StorageOperationCounter>((options, counter) => options.ConfigureClientOptions += counter.AttachTo);
        }

        return builder;
    }

    public static WebApplication MapStorageOperationCounts(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<StorageOperationCounter>() is { } counter)
        {
            app.MapGet(Path, (HttpContext context) => IsLoopback(context.Connection.RemoteIpAddress) ? Results.Json(counter.Snapshot()) : Results.NotFound());
        }

        return app;
    }

    private static bool IsLoopback(IPAddress? address) =>
        address is not null && IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);
}
