using System.Text.Json;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>Reads custom-handler invocation requests and writes their responses.</summary>
internal static class InvocationBodies
{
    /// <summary>The invocation request, or null when the body is not one.</summary>
    public static async Task<InvocationRequest?> ReadAsync(HttpContext context)
    {
        try
        {
            return await JsonSerializer.DeserializeAsync(context.Request.Body, FunctionsJsonContext.Default.InvocationRequest, context.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The response shape the host reads (<c>Outputs</c>, <c>Logs</c>, <c>ReturnValue</c>), with one log line.</summary>
    public static IResult Respond(int statusCode, string log) =>
        Results.Json(new InvocationResponse { Logs = [log] }, FunctionsJsonContext.Default.InvocationResponse, statusCode: statusCode);
}
