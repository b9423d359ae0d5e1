using System.Text;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Mcp;
using DurableMcp.Tasks.Durable;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableMcp.Functions.Tests;

/// <summary>Whatever escapes the pipeline of either host, the caller gets a JSON-RPC error object and no exception text.</summary>
public sealed class JsonRpcErrorBoundaryTests
{
    [Fact]
    public async Task UnexpectedException_Http500Internal32603WithTraceIdAndRequestId()
    {
        var (status, body) = await InvokeAsync("""{"jsonrpc":"2.0","id":7,"method":"tools/list"}""", _ => throw new InvalidOperationException("secret detail"));

        Assert.Equal(StatusCodes.Status500InternalServerError, status);
        Assert.Equal(-32603, body["error"]!["code"]!.GetValue<int>());
        Assert.Equal(7, body["id"]!.GetValue<int>());
        Assert.Equal("Internal error: the server could not handle this request (trace id trace-1). Retry later; if it persists, report the trace id.", body["error"]!["message"]!.GetValue<string>());
        Assert.DoesNotContain("secret detail", body.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExceptionOverAMistypedRoutingField_Http400InvalidParamsNamingIt()
    {
        var (status, body) = await InvokeAsync(
            """{"jsonrpc":"2.0","id":"a","method":"tasks/cancel","params":{"taskId":true}}""", _ => throw new InvalidOperationException("The SDK tripped."));

        Assert.Equal(StatusCodes.Status400BadRequest, status);
        Assert.Equal(-32602, body["error"]!["code"]!.GetValue<int>());
        Assert.Equal("a", body["id"]!.GetValue<string>());
        Assert.Equal("params.taskId of tasks/cancel must be a string, not a boolean.", body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task BodyTooLarge_Http413InvalidRequest()
    {
        var (status, body) = await InvokeAsync("{}", _ => throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, status);
        Assert.Equal(-32600, body["error"]!["code"]!.GetValue<int>());
        Assert.Equal("Request body too large. Pass large inputs by reference (for example a blob name).", body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task NoException_ResponseUntouched()
    {
        var (status, _) = await InvokeAsync("{}", context =>
        {
            context.Response.StatusCode = StatusCodes.Status202Accepted;
            return Task.CompletedTask;
        }, expectJson: false);

        Assert.Equal(StatusCodes.Status202Accepted, status);
    }

    [Fact]
    public async Task StorageUnavailable_Http503RetryAfterAndRetryableError()
    {
        var (status, body) = await InvokeAsync("""{"jsonrpc":"2.0","id":7,"method":"tasks/get"}""", _ => throw new StorageUnavailableException());

        Assert.Equal(StatusCodes.Status503ServiceUnavailable, status);
        Assert.Equal(StorageUnavailableException.Code, body["error"]!["code"]!.GetValue<int>());
        Assert.Equal(StorageUnavailableException.CallerMessage, body["error"]!["message"]!.GetValue<string>());
        Assert.Equal(5000, body["error"]!["data"]!["retryAfterMs"]!.GetValue<long>());
    }

    [Fact]
    public async Task PostWithoutContentType_Http415WithJsonRpcError()
    {
        var (status, body) = await InvokeAsync("{}", _ => throw new InvalidOperationException("never reached"), contentType: null);

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, status);
        Assert.Equal(-32000, body["error"]!["code"]!.GetValue<int>());
    }

    [Theory]
    [InlineData(StatusCodes.Status405MethodNotAllowed)]
    [InlineData(StatusCodes.Status415UnsupportedMediaType)]
    public async Task BareRoutingRefusal_GetsAJsonRpcErrorBody(int refusal)
    {
        var (status, body) = await InvokeAsync("{}", context =>
        {
            context.Response.StatusCode = refusal;
            return Task.CompletedTask;
        });

        Assert.Equal(refusal, status);
        Assert.Equal(-32000, body["error"]!["code"]!.GetValue<int>());
    }

    private static async Task<(int Status, JsonObject Body)> InvokeAsync(string request, RequestDelegate next, bool expectJson = true, string? contentType = "application/json")
    {
        var context = new DefaultHttpContext { TraceIdentifier = "trace-1" };
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = contentType;
        context.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(request));
        context.Response.Body = new MemoryStream();
        var boundary = new JsonRpcErrorBoundary(async c =>
        {
            await JsonNode.ParseAsync(c.Request.Body); // the SDK reads the body before it fails
            await next(c);
        }, NullLogger<JsonRpcErrorBoundary>.Instance);

        await boundary.InvokeAsync(context);

        context.Response.Body.Position = 0;
        var text = await new StreamReader(context.Response.Body).ReadToEndAsync();
        return (context.Response.StatusCode, expectJson ? (JsonObject)JsonNode.Parse(text)! : []);
    }
}
