using System.Net;
using CsCheck;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// A fuzz request sent another way: another HTTP method, <c>Accept</c> or <c>Content-Type</c>. What the endpoint must
/// answer: a method other than POST 405; a body that is not declared JSON 415; an <c>Accept</c> without both JSON and
/// SSE 406 (in that order, the order routing and the SDK check them); each with a JSON-RPC error body (-32000).
/// </summary>
internal static class FuzzHttpVariants
{
    private static readonly string[] OtherMethods = ["GET", "PUT", "DELETE", "PATCH", "OPTIONS"];

    // "" sends no Accept at all.
    private static readonly string[] Accepts = ["", "application/json", "text/event-stream", "garbage/!!", "application/json, text/event-stream", "*/*"];

    private static readonly string?[] ContentTypes = [null, "text/plain", "application/x-www-form-urlencoded", "application/json; charset=utf-8", "garbage", "application/json"];

    public static Gen<FuzzRequest> Of(FuzzRequest request) =>
        // POST half the time, so the Accept and Content-Type variants get past routing's 405.
        Gen.Select(Gen.Frequency((1, Gen.OneOf(OtherMethods)), (1, Gen.Const("POST"))), Gen.OneOf(Accepts), Gen.OneOf(ContentTypes), (method, accept, contentType) =>
            request with
            {
                Class = "http",
                Method = method,
                ContentType = contentType,
                Headers = new Dictionary<string, string>(request.Headers, StringComparer.OrdinalIgnoreCase) { ["Accept"] = accept },
            });

    public static void Check(FuzzRequest request, McpResponse response)
    {
        var expected = request.Method != "POST" ? HttpStatusCode.MethodNotAllowed
            : request.ContentType is not ("application/json" or "application/json; charset=utf-8") ? HttpStatusCode.UnsupportedMediaType
            : !AcceptsBoth(request.Headers["Accept"]) ? HttpStatusCode.NotAcceptable
            : (HttpStatusCode?)null;
        if (expected is { } status && response.StatusCode != HttpStatusCode.TooManyRequests)
        {
            Assert.True(response.StatusCode == status, $"Expected HTTP {(int)status} for {request.Method} Accept '{request.Headers["Accept"]}' Content-Type '{request.ContentType}', got {response}");
            Assert.True(response.ErrorCode == -32000, $"HTTP {(int)status} without its JSON-RPC error: {response}");
        }
    }

    private static bool AcceptsBoth(string accept) =>
        accept == "*/*" || (accept.Contains("application/json", StringComparison.Ordinal) && accept.Contains("text/event-stream", StringComparison.Ordinal));
}
