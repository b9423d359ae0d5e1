using DurableMcp.FunctionApp.Mcp;
using DurableMcp.FunctionApp.Security;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// The MCP endpoint as one <see cref="RequestDelegate"/>, for the HTTP function to run on the request it was given. The
/// worker's own ASP.NET Core pipeline is fixed, so this builds a private one with exactly what the local host runs:
/// the JSON-RPC error boundary, origin validation, authentication, routing, authorization, poll throttling, and the
/// endpoints <c>MapMcp</c> maps.
/// </summary>
internal sealed class McpRequestPipeline
{
    private readonly RequestDelegate _pipeline;

    public McpRequestPipeline(IServiceProvider services)
    {
        var app = new ApplicationBuilder(services);
        app.UseMiddleware<JsonRpcErrorBoundary>();
        app.UseCallerIdentity();
        app.UseEndpoints(endpoints => endpoints.MapDurableMcp());
        _pipeline = app.Build();
    }

    public Task InvokeAsync(HttpContext context) => _pipeline(context);
}
