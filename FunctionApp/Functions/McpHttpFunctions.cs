using DurableMcp.Tasks.Durable;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// The HTTP functions: the MCP endpoint (stateless Streamable HTTP) and, for JWT callers, the OAuth protected-resource
/// metadata. Each makes the invocation's Durable client current and runs the request through the MCP pipeline, which
/// writes the response itself (SSE streams included).
/// </summary>
internal sealed class McpHttpFunctions(McpRequestPipeline pipeline)
{
    [Function("mcp")]
    public async Task<IActionResult> McpAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "post", "delete", Route = "mcp")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        ArgumentNullException.ThrowIfNull(request);
        using (DurableClientSource.Use(client))
        {
            await pipeline.InvokeAsync(request.HttpContext);
        }

        return new EmptyResult();
    }

    [Function("oauth-protected-resource")]
    public async Task<IActionResult> ProtectedResourceAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = ".well-known/oauth-protected-resource/{*resource}")] HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        await pipeline.InvokeAsync(request.HttpContext);
        return new EmptyResult();
    }
}
