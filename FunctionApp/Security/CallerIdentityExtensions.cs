using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using ModelContextProtocol.AspNetCore.Authentication;

namespace DurableMcp.FunctionApp.Security;

/// <summary>
/// Wires caller identity and HTTP hardening: authentication for the configured <see cref="IdentityMode"/> (with the
/// OAuth protected-resource metadata MCP clients discover, for JWTs), Origin validation, the request body limit and
/// poll throttling. The task layer binds every task to the authenticated caller.
/// </summary>
internal static class CallerIdentityExtensions
{
    public static WebApplicationBuilder AddCallerIdentity(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(IdentityOptions.SectionName);
        builder.Services.AddOptions<IdentityOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        var identity = section.Get<IdentityOptions>() ?? new IdentityOptions();

        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = identity.MaxRequestBodyBytes);
        builder.Services.AddPollThrottling(builder.Configuration);
        builder.Services.AddAuthorization();
        switch (identity.Mode)
        {
            case IdentityMode.Jwt:
                builder.Services
                    .AddAuthentication(o =>
                    {
                        o.DefaultAuthenticateScheme = JwtBearerDefaults.AuthenticationScheme;
                        o.DefaultChallengeScheme = McpAuthenticationDefaults.AuthenticationScheme;
                    })
                    .AddJwtBearer(o =>
                    {
                        o.Authority = identity.Authority;
                        o.Audience = identity.Audience;
                        o.RequireHttpsMetadata = !IdentityOptionsValidator.IsLoopbackHttp(identity.Authority);
                        o.MapInboundClaims = false;
                        o.Events = new JwtBearerEvents
                        {
                            OnTokenValidated = context =>
                            {
                                if (!CallerSubject.Exists(context.Principal))
                                {
                                    context.Fail(CallerSubject.Missing);
                                }

                                return Task.CompletedTask;
                            },
                        };
                    })
                    .AddMcp(o => o.ResourceMetadata = new()
                    {
                        AuthorizationServers = identity.Authority is { } authority ? [authority] : [],
                        ScopesSupported = identity.Scopes,
                    });
                break;
            case IdentityMode.DevToken:
                builder.Services.AddAuthentication(DevTokenAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, DevTokenAuthenticationHandler>(DevTokenAuthenticationHandler.SchemeName, null);
                break;
            case IdentityMode.AppService:
                builder.Services.AddAuthentication(AppServiceAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, AppServiceAuthenticationHandler>(AppServiceAuthenticationHandler.SchemeName, null);
                break;
            default:
                builder.Services.AddAuthentication();
                break;
        }

        return builder;
    }

    public static WebApplication UseCallerIdentity(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Mode;
        if (mode == IdentityMode.Anonymous)
        {
            SecurityLog.AnonymousMode(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallerIdentityExtensions)), mode);
        }

        app.UseMiddleware<OriginValidationMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Requires an authenticated caller on the endpoint unless identity is off (Anonymous, Development only).</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder endpoint, WebApplication app)
        where TBuilder : IEndpointConventionBuilder =>
        app.Services.GetRequiredService<IOptions<IdentityOptions>>().Value.Mode == IdentityMode.Anonymous ? endpoint : endpoint.RequireAuthorization();
}
