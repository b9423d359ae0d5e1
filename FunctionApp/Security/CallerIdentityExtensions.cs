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
    /// <summary>The identity options as configured (before validation), for choices made while composing.</summary>
    public static IdentityOptions ReadIdentity(this IConfiguration configuration) =>
        configuration.GetSection(IdentityOptions.SectionName).Get<IdentityOptions>() ?? new IdentityOptions();

    public static IServiceCollection AddCallerIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(IdentityOptions.SectionName);
        services.AddOptions<IdentityOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityOptions>, IdentityOptionsValidator>();
        var identity = configuration.ReadIdentity();
        services.AddPollThrottling(configuration);
        services.AddAuthorization();
        switch (identity.Mode)
        {
            case IdentityMode.Jwt:
                services
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
                services.AddAuthentication(DevTokenAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, DevTokenAuthenticationHandler>(DevTokenAuthenticationHandler.SchemeName, null);
                break;
            case IdentityMode.AppService:
                services.AddAuthentication(AppServiceAuthenticationHandler.SchemeName)
                    .AddScheme<AuthenticationSchemeOptions, AppServiceAuthenticationHandler>(AppServiceAuthenticationHandler.SchemeName, null);
                break;
            default:
                services.AddAuthentication();
                break;
        }

        return services;
    }

    /// <summary>Origin validation, authentication, routing, authorization and poll throttling, in that order.</summary>
    public static IApplicationBuilder UseCallerIdentity(this IApplicationBuilder app)
    {
        var mode = app.ApplicationServices.GetRequiredService<IOptions<IdentityOptions>>().Value.Mode;
        if (mode == IdentityMode.Anonymous)
        {
            SecurityLog.AnonymousMode(app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(CallerIdentityExtensions)), mode);
        }

        app.UseMiddleware<OriginValidationMiddleware>();
        app.UseAuthentication();
        app.UseRouting();
        app.UseAuthorization();
        app.UseRateLimiter();
        return app;
    }

    /// <summary>Requires an authenticated caller on the endpoint unless identity is off (Anonymous, Development only).</summary>
    public static TBuilder RequireCaller<TBuilder>(this TBuilder endpoint, IServiceProvider services)
        where TBuilder : IEndpointConventionBuilder =>
        services.GetRequiredService<IOptions<IdentityOptions>>().Value.Mode == IdentityMode.Anonymous ? endpoint : endpoint.RequireAuthorization();
}
