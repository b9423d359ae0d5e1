namespace DurableMcp.FunctionApp.Security;

/// <summary>How callers are identified (and so who owns a task).</summary>
public enum IdentityMode
{
    /// <summary>Bearer JWTs validated against <see cref="IdentityOptions.Authority"/> and <see cref="IdentityOptions.Audience"/>.</summary>
    Jwt,

    /// <summary>Behind Azure App Service / Functions built-in authentication: the principal the platform forwards.</summary>
    AppService,

    /// <summary>Development only: static bearer tokens mapped to names (<see cref="IdentityOptions.DevTokens"/>).</summary>
    DevToken,

    /// <summary>Development only: no authentication; tasks are not bound to anyone.</summary>
    Anonymous,
}
