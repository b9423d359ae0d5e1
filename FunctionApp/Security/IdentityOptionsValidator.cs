using Microsoft.Extensions.Options;

namespace DurableMcp.FunctionApp.Security;

/// <summary>Refuses configurations that would run unprotected or half-configured.</summary>
internal sealed class IdentityOptionsValidator(IHostEnvironment environment) : IValidateOptions<IdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, IdentityOptions options) => options.Mode switch
    {
        IdentityMode.Anonymous or IdentityMode.DevToken when !environment.IsDevelopment() => ValidateOptionsResult.Fail(
            $"Identity:Mode={options.Mode} is for local development only, and this environment is '{environment.EnvironmentName}'. " +
            "Use Jwt or AppService, or set ASPNETCORE_ENVIRONMENT=Development on a developer machine."),
        IdentityMode.DevToken when options.DevTokens.Count == 0 => ValidateOptionsResult.Fail(
            "Identity:Mode=DevToken needs at least one Identity:DevTokens:<token>=<name> entry."),
        IdentityMode.Jwt when string.IsNullOrWhiteSpace(options.Authority) || string.IsNullOrWhiteSpace(options.Audience) => ValidateOptionsResult.Fail(
            "Identity:Mode=Jwt needs Identity:Authority (the token issuer) and Identity:Audience (this server's resource)."),
        IdentityMode.Jwt when !IsHttps(options.Authority) && !IsLoopbackHttp(options.Authority) => ValidateOptionsResult.Fail(
            $"Identity:Authority '{options.Authority}' must be an absolute https URI (plain http only for an issuer on this machine, such as a local test identity provider)."),
        _ => ValidateOptionsResult.Success,
    };

    /// <summary>
    /// An http issuer on this machine: its metadata never crosses the network, so the https requirement of the JWT
    /// handler is waived for it (otherwise every request fails with 500 when the handler loads its options).
    /// </summary>
    public static bool IsLoopbackHttp(string? authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback;

    private static bool IsHttps(string? authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps;
}
