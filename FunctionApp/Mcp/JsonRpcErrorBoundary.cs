using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Security;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Protocol;

namespace DurableMcp.FunctionApp.Mcp;

/// <summary>
/// The outermost middleware of both hosts: whatever escapes the pipeline, the caller gets a JSON-RPC error object and a
/// message that says what to fix, never an exception page, type or stack trace (whatever the environment). A body over
/// the size limit gets 413 with -32600; a request the MCP SDK tripped over because a field had the wrong type gets 400
/// with -32600 or -32602 naming it (the body is kept readable to find out); unavailable task storage gets 503 with
/// <c>Retry-After</c> and its retryable error; anything else is logged and answered 500, -32603. Refusals routing makes
/// with a bare status (405 for a method other than POST, 415 for a body that is not JSON, or none at all) get a
/// JSON-RPC error body too, code -32000 as the SDK's own 406.
/// </summary>
internal sealed partial class JsonRpcErrorBoundary(RequestDelegate next, ILogger<JsonRpcErrorBoundary> logger)
{
    /// <summary>The code of refusals at the HTTP level, as the MCP SDK answers its own (406 for a bad <c>Accept</c>).</summary>
    private const int TransportRefusal = -32000;

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsPost(context.Request.Method))
        {
            if (string.IsNullOrEmpty(context.Request.ContentType))
            {
                // Routing's content-type check lets a missing header through, and the SDK then throws reading the body.
                await WriteAsync(context, StatusCodes.Status415UnsupportedMediaType, null, TransportRefusal, UnsupportedMediaType);
                return;
            }

            context.Request.EnableBuffering();
        }

        try
        {
            await next(context);
            await DescribeRefusalAsync(context);
        }
        catch (BadHttpRequestException e) when (!context.Response.HasStarted)
        {
            await WriteAsync(context, e.StatusCode, null, -32600, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? $"{e.Message} Pass large inputs by reference (for example a blob name)."
                : $"Bad HTTP request: {e.Message}");
        }
        catch (StorageUnavailableException) when (!context.Response.HasStarted)
        {
            // Task storage is down (translated at the storage boundary, logged there): retryable, not a server fault.
            StorageUnavailableResponse.Apply(context.Response);
            var body = JsonRpcErrors.Create(StorageUnavailableException.Code, StorageUnavailableException.CallerMessage);
            body["error"] = StorageUnavailableResponse.Error();
            await context.Response.WriteAsJsonAsync(body);
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            var request = await ReadRequestAsync(context);
            if (request is not null && RequestShape.Problem(request) is { } problem)
            {
                await WriteAsync(context, StatusCodes.Status400BadRequest, request["id"] is JsonValue id ? id : null, problem.Code, problem.Message);
                return;
            }

            Failed(logger, context.TraceIdentifier, e);
            await WriteAsync(context, StatusCodes.Status500InternalServerError, request?["id"], -32603,
                $"Internal error: the server could not handle this request (trace id {context.TraceIdentifier}). Retry later; if it persists, report the trace id.");
        }
    }

    private const string UnsupportedMediaType = "Unsupported Media Type: send the JSON-RPC message with Content-Type: application/json.";

    /// <summary>
    /// Routing refuses a method other than POST (405) and a body that is not JSON (415) with a status alone; the caller
    /// gets the JSON-RPC error every other refusal on the endpoint carries. (HEAD answers carry no body.)
    /// </summary>
    private static Task DescribeRefusalAsync(HttpContext context)
    {
        if (context.Response.HasStarted || context.Response.ContentType is not null || HttpMethods.IsHead(context.Request.Method))
        {
            return Task.CompletedTask;
        }

        // The status and its headers (Allow) stay as routing set them; only the body is added.
        return context.Response.StatusCode switch
        {
            StatusCodes.Status405MethodNotAllowed => context.Response.WriteAsJsonAsync(JsonRpcErrors.Create(TransportRefusal,
                $"Method Not Allowed: {context.Request.Method} is not served here; POST JSON-RPC messages to this endpoint.")),
            StatusCodes.Status415UnsupportedMediaType => context.Response.WriteAsJsonAsync(JsonRpcErrors.Create(TransportRefusal, UnsupportedMediaType)),
            _ => Task.CompletedTask,
        };
    }

    private static async Task<JsonObject?> ReadRequestAsync(HttpContext context)
    {
        if (!context.Request.Body.CanSeek)
        {
            return null;
        }

        try
        {
            context.Request.Body.Position = 0;
            return await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        }
        catch (Exception e) when (e is JsonException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    private static Task WriteAsync(HttpContext context, int status, JsonNode? id, int code, string message)
    {
        var body = JsonRpcErrors.Create(code, message);
        body["id"] = id?.DeepClone();
        context.Response.Clear();
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(body);
    }

    [LoggerMessage(3010, LogLevel.Error, "Request {TraceId} failed; the caller got -32603 with the trace id")]
    private static partial void Failed(ILogger logger, string traceId, Exception exception);
}
