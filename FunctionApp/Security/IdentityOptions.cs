using System.ComponentModel.DataAnnotations;

namespace DurableMcp.FunctionApp.Security;

/// <summary>Caller identity and HTTP hardening (section <c>Identity</c>).</summary>
public sealed class IdentityOptions
{
    public const string SectionName = "Identity";

    /// <summary>How callers are identified. Anonymous and DevToken are refused outside the Development environment.</summary>
    public IdentityMode Mode { get; set; } = IdentityMode.Jwt;

    /// <summary>The token issuer (OpenID Connect authority), for <see cref="IdentityMode.Jwt"/>; advertised in the protected-resource metadata.</summary>
    public string? Authority { get; set; }

    /// <summary>The audience tokens must be issued for, for <see cref="IdentityMode.Jwt"/> (usually the server's resource URI or app id).</summary>
    public string? Audience { get; set; }

    /// <summary>Scopes advertised in the protected-resource metadata.</summary>
    public List<string> Scopes { get; set; } = [];

    /// <summary>For <see cref="IdentityMode.DevToken"/>: token → caller name.</summary>
    public Dictionary<string, string> DevTokens { get; set; } = [];

    /// <summary>
    /// Browser origins allowed to call the endpoint. A request with any other <c>Origin</c> header is refused (DNS
    /// rebinding protection, as the Streamable HTTP transport requires); requests without one (non-browser clients) pass.
    /// </summary>
    public List<string> AllowedOrigins { get; set; } = [];

    /// <summary>The largest request body accepted, in bytes.</summary>
    [Range(1024, 100 * 1024 * 1024)]
    public long MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;
}
