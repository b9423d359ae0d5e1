namespace DurableMcp.FunctionApp.Hosting;

/// <summary>
/// Where to listen. Under the Azure Functions host (custom handler) the host chooses the port and passes it in
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c>; standalone, <c>Urls</c> from configuration, else loopback port 7071.
/// </summary>
internal static class HostUrls
{
    public const string CustomHandlerPortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    public static string Resolve(IConfiguration configuration) =>
        configuration[CustomHandlerPortVariable] is { Length: > 0 } port
            ? $"http://127.0.0.1:{port}"
            : configuration["Urls"] is { Length: > 0 } urls ? urls : "http://127.0.0.1:7071";
}
