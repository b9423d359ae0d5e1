using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace DurableMcp.FunctionApp.Security;

/// <summary>
/// Behind Azure's built-in authentication (App Service / Functions "Easy Auth"): the platform validates the caller and
/// forwards the principal in <c>X-MS-CLIENT-PRINCIPAL</c> (base64 JSON of claims). Only enable this mode when the
/// platform is in front, since the header is otherwise caller-controlled.
/// </summary>
internal sealed class AppServiceAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "AppService";
    private const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var encoded = Request.Headers[PrincipalHeader].ToString();
        if (string.IsNullOrEmpty(encoded))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        try
        {
            using var document = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
            var claims = new List<Claim>();
            foreach (var claim in document.RootElement.GetProperty("claims").EnumerateArray())
            {
                claims.Add(new Claim(claim.GetProperty("typ").GetString()!, claim.GetProperty("val").GetString()!));
            }

            var provider = document.RootElement.TryGetProperty("auth_typ", out var type) ? type.GetString() : null;
            if (!claims.Any(c => c.Type == "iss") && provider is not null)
            {
                claims.Add(new Claim("iss", "urn:appservice:" + provider));
            }

            var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
            return Task.FromResult(CallerSubject.Exists(principal)
                ? AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName))
                : AuthenticateResult.Fail(CallerSubject.Missing));
        }
        catch (Exception e) when (e is FormatException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            return Task.FromResult(AuthenticateResult.Fail($"Unreadable {PrincipalHeader} header: {e.Message}"));
        }
    }
}
