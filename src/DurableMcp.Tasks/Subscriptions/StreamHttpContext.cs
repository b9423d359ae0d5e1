using Microsoft.AspNetCore.Http;

namespace DurableMcp.Tasks.Subscriptions;

/// <summary>
/// The HTTP exchange of the request being handled, for the one thing the SDK has no hook for: SSE comment keep-alives
/// on a held stream (they are not JSON-RPC messages). Set by <c>WithDurableTaskStreams()</c> on the MCP endpoint; the SDK
/// runs a stateless request's handler in the request's own execution context, so it flows to the listen handler.
/// </summary>
internal static class StreamHttpContext
{
    private static readonly AsyncLocal<HttpContext?> Current = new();

    public static HttpContext? Value => Current.Value;

    public static async Task RunAsync(HttpContext context, RequestDelegate next)
    {
        Current.Value = context;
        try
        {
            await next(context);
        }
        finally
        {
            Current.Value = null;
        }
    }

    /// <summary>
    /// Writes an SSE comment. Only between two messages of the stream's one writer: the SDK writes and flushes each
    /// message whole when it is sent, so nothing of its own is pending on the response then.
    /// </summary>
    public static async ValueTask WriteKeepAliveAsync(HttpContext? context, CancellationToken cancellationToken)
    {
        if (context is null || !context.Response.HasStarted)
        {
            return;
        }

        try
        {
            await context.Response.WriteAsync(": keep-alive\n\n", cancellationToken);
            await context.Response.Body.FlushAsync(cancellationToken);
        }
        catch (IOException e) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away between two polls: that ends the stream as its cancellation does.
            throw new OperationCanceledException("The client closed the stream.", e, context.RequestAborted);
        }
    }
}
