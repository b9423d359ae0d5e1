using Microsoft.Extensions.Options;

namespace DurableMcp.FunctionApp.Security;

/// <summary>
/// Refuses browser requests from origins not in <see cref="IdentityOptions.AllowedOrigins"/>: a page on another site (or
/// a DNS-rebound name) must not drive a server on the user's machine or network. Non-browser clients send no Origin.
/// The server's own loopback origin (a page it served itself at <c>http://127.0.0.1:PORT</c>) is allowed: a rebinding
/// attacker's page carries its own name as Origin, never a loopback address, and another local port is still refused.
/// </summary>
internal sealed class OriginValidationMiddleware(RequestDelegate next, IOptions<IdentityOptions> options, ILogger<OriginValidationMiddleware> logger)
{
    private readonly HashSet<string> _allowed = options.Value.AllowedOrigins.Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public async Task InvokeAsync(HttpContext context)
    {
        var origin = context.Request.Headers.Origin.ToString();
        if (origin.Length > 0 && !_allowed.Contains(origin.TrimEnd('/')) && !IsOwnLoopbackOrigin(context.Request, origin))
        {
            SecurityLog.OriginRefused(logger, origin);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsJsonAsync(JsonRpcErrors.Create(-32600, $"Origin '{origin}' is not allowed to call this server."));
            return;
        }

        await next(context);
    }

    private static bool IsOwnLoopbackOrigin(HttpRequest request, string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.IsLoopback && uri.AbsolutePath == "/" &&
        string.Equals(uri.Scheme, request.Scheme, StringComparison.OrdinalIgnoreCase) &&
        string.Equals(uri.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase);
}
