using System.Buffers.Text;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;

namespace DurableMcp.Tasks.Durable;

/// <summary>
/// The owner recorded on a task: a stable, opaque identifier of the authenticated caller derived from the token's
/// issuer and subject (hashed, so ids in logs and storage do not expose the subject). Null for an anonymous caller,
/// whose tasks are bound to nobody (Development only).
/// </summary>
internal static class CallerOwner
{
    private static readonly string[] SubjectClaims =
        ["sub", ClaimTypes.NameIdentifier, "oid", "http://schemas.microsoft.com/identity/claims/objectidentifier"];

    public static string? From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return null;
        }

        var subject = SubjectClaims.Select(user.FindFirst).FirstOrDefault(c => c is not null)
            ?? throw new InvalidOperationException("The authenticated caller has no subject claim ('sub', nameidentifier or 'oid'); tasks cannot be bound to it.");
        var issuer = user.FindFirst("iss")?.Value ?? subject.Issuer;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"{issuer}\n{subject.Value}"), hash);
        return "u-" + Base64Url.EncodeToString(hash[..18]);
    }

    /// <summary>True when the caller may see the task: the owners match (both null for anonymous tasks in anonymous mode).</summary>
    public static bool Owns(string? caller, string? owner) => string.Equals(caller, owner, StringComparison.Ordinal);
}
