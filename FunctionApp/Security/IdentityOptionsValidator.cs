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
        _ => ValidateOptionsResult.Success,
    };
}
