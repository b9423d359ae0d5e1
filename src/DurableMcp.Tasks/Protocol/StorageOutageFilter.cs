using DurableMcp.Tasks.Durable;
using Microsoft.AspNetCore.Http;
using ModelContextProtocol.Server;

namespace DurableMcp.Tasks.Protocol;

/// <summary>
/// Gives a request that found task storage unavailable HTTP 503 with <c>Retry-After</c>, while the status line is still
/// free; the SDK writes the JSON-RPC error of the <see cref="StorageUnavailableException"/> itself. The status line is
/// free for 2026-07-28 requests (the SDK holds the headers back until the first message, to map error codes onto
/// statuses). A 2025-11-25 POST has its 200 and SSE headers sent before any handler runs, so there the JSON-RPC error
/// (with <c>data.retryAfterMs</c>) in the stream is all the caller gets.
/// </summary>
internal sealed class StorageOutageFilter(IHttpContextAccessor http)
{
    public McpMessageHandler Incoming(McpMessageHandler next) => async (context, cancellationToken) =>
    {
        try
        {
            await next(context, cancellationToken);
        }
        catch (StorageUnavailableException) when (http.HttpContext?.Response is { HasStarted: false } response)
        {
            StorageUnavailableResponse.Apply(response);
            throw;
        }
    };
}
