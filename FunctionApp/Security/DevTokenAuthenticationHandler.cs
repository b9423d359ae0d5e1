using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DurableMcp.FunctionApp.Security;

/// <summary>Development only: a bearer token from <see cref="IdentityOptions.DevTokens"/> authenticates as its name.</summary>
internal sealed class DevTokenAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    IOptions<IdentityOptions> identity,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "DevToken";
    public const string Issuer = "urn:durable-mcp:dev";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        if (!identity.Value.DevTokens.TryGetValue(header["Bearer ".Length..].Trim(), out var name))
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown development token."));
        }

        var principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim("iss", Issuer, ClaimValueTypes.String, Issuer), new Claim("sub", name, ClaimValueTypes.String, Issuer), new Claim(ClaimTypes.Name, name)],
            SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }
}
