namespace DurableMcp.FunctionApp;

/// <summary>Which host runs this process: the Azure Functions host (it launched us as its .NET worker) or none (the local host).</summary>
internal enum HostMode
{
    Functions,
    Local,
}

/// <summary>Tells the two apart from how the process was started.</summary>
internal static class HostModes
{
    /// <summary>
    /// The Functions host starts its worker with the address of its gRPC endpoint (<c>--functions-uri</c>, or
    /// <c>--host</c>/<c>--port</c> from older hosts, or <c>Functions__Worker__HostEndpoint</c>); nothing else does.
    /// </summary>
    public static HostMode Detect(IReadOnlyList<string> args, Func<string, string?> environment) =>
        args.Any(a => a.StartsWith("--functions-uri", StringComparison.Ordinal) || a == "--host") ||
        !string.IsNullOrEmpty(environment("Functions__Worker__HostEndpoint"))
            ? HostMode.Functions
            : HostMode.Local;
}
