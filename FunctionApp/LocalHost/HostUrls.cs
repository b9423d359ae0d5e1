namespace DurableMcp.FunctionApp.LocalHost;

/// <summary>
/// Where the local host listens: <c>Urls</c> from configuration, else loopback port 7071 (what <c>func start</c> uses).
/// </summary>
internal static class HostUrls
{
    public static string Resolve(IConfiguration configuration) =>
        configuration["Urls"] is { Length: > 0 } urls ? urls : "http://127.0.0.1:7071";
}
