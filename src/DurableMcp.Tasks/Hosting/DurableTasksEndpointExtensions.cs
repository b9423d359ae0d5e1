using DurableMcp.Tasks.Protocol2025;
using DurableMcp.Tasks.Subscriptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableMcp.Tasks.Hosting;

/// <summary>Endpoint conventions of the durable task layer.</summary>
public static class DurableTasksEndpointExtensions
{
    /// <summary>
    /// Serves the 2025-11-25 experimental <c>tasks/result</c> on the MCP endpoint: a blocking SSE response that asks the
    /// task's questions as <c>elicitation/create</c> requests, and the client's POSTed answers to them (which may reach any
    /// instance). Apply it to the endpoint <c>MapMcp</c> returns: <c>app.MapMcp("/mcp").WithDurableTasks2025()</c>. It runs
    /// after authentication and authorization, inside the endpoint, so the caller is known and bound as for every request.
    /// </summary>
    public static TBuilder WithDurableTasks2025<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            if (endpoint.RequestDelegate is not { } inner ||
                endpoint.Metadata.OfType<HttpMethodMetadata>().FirstOrDefault() is not { } methods ||
                !methods.HttpMethods.Contains(HttpMethods.Post, StringComparer.OrdinalIgnoreCase))
            {
                return;
            }

            var handler = endpoint.ApplicationServices.GetRequiredService<TaskResultHttpHandler>();
            endpoint.RequestDelegate = context => handler.HandleAsync(context, inner);
        });
        return builder;
    }

    /// <summary>
    /// Lets the task streams of <c>subscriptions/listen</c> write SSE comment keep-alives while nothing changes (the SDK
    /// sends only JSON-RPC messages). Apply it to the endpoint <c>MapMcp</c> returns:
    /// <c>app.MapMcp("/mcp").WithDurableTaskStreams()</c>. Without it streams work, but a quiet one may be closed by a proxy.
    /// </summary>
    public static TBuilder WithDurableTaskStreams<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Add(endpoint =>
        {
            if (endpoint.RequestDelegate is { } inner)
            {
                endpoint.RequestDelegate = context => StreamHttpContext.RunAsync(context, inner);
            }
        });
        return builder;
    }
}
