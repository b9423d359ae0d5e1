using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Conformance;

/// <summary>
/// SEP-2164: reading a URI that names no resource is an error (never empty <c>contents</c>) whose <c>data.uri</c> is the
/// URI asked for. The SDK already refuses such a read (-32602 on 2026-07-28, -32002 before) but without data; this adds it
/// (the SDK copies an exception's <see cref="Exception.Data"/> into the JSON-RPC error's <c>data</c>).
/// </summary>
internal static class ResourceNotFoundFilter
{
    public static McpRequestHandler<ReadResourceRequestParams, ReadResourceResult> Wrap(McpRequestHandler<ReadResourceRequestParams, ReadResourceResult> next) =>
        async (context, cancellationToken) =>
        {
            try
            {
                return await next(context, cancellationToken);
            }
            catch (McpProtocolException e) when (e.ErrorCode is McpErrorCode.ResourceNotFound or McpErrorCode.InvalidParams && context.Params?.Uri is { } uri && !e.Data.Contains("uri"))
            {
                e.Data["uri"] = uri;
                throw;
            }
        };
}
