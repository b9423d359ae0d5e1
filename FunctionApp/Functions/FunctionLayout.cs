namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// The Function app's layout: host.json at the app root, one folder per function beside it holding its function.json.
/// For non-HTTP triggers the host POSTs to <c>/{function name}</c>; the HTTP function is forwarded on its own route.
/// These names are the contract between the function.json files, the handler's routes and the engine's configuration;
/// the function host contract tests check the files against them.
/// </summary>
internal static class FunctionLayout
{
    public const string HostJson = "host.json";
    public const string FunctionJson = "function.json";

    /// <summary>The MCP endpoint: an HTTP trigger on <see cref="McpRoute"/>, forwarded to the handler as is.</summary>
    public const string McpFunction = "mcp";
    public const string McpRoute = "mcp";

    /// <summary>
    /// The OAuth protected-resource metadata MCP clients discover the authorization server from (with <c>Identity:Mode=Jwt</c>):
    /// an HTTP trigger on <see cref="ResourceMetadataRoute"/>, forwarded as is like the MCP endpoint.
    /// </summary>
    public const string ResourceMetadataFunction = "oauth-protected-resource";
    public const string ResourceMetadataRoute = ".well-known/oauth-protected-resource/{*resource}";

    /// <summary>The durable worker: a queue trigger on the engine's work queue, one message per invocation.</summary>
    public const string WorkerFunction = "durable-worker";
    public const string WorkerTriggerBinding = "message";

    /// <summary>The janitor: a timer trigger that purges expired tasks.</summary>
    public const string JanitorFunction = "durable-janitor";
    public const string JanitorTriggerBinding = "timer";

    /// <summary>Set by the Functions host for the handler process: the app root, where host.json and the function folders are.</summary>
    public const string AppRootVariable = "FUNCTIONS_APP_ROOT_PATH";
}
