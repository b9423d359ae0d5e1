using System.Security.Claims;

namespace DurableMcp.FunctionApp.Security;

/// <summary>
/// Whether a principal names a subject the task layer can bind tasks to (the claims its owner id is derived from). A
/// principal without one is refused at authentication, rather than failing later inside a tool call.
/// </summary>
internal static class CallerSubject
{
    public const string Missing = "The caller has no subject claim ('sub', nameidentifier or 'oid'), so tasks cannot be bound to it.";

    // The claims, in order, that DurableMcp.Tasks' CallerOwner derives the owner id from; keep the two in step.
    private static readonly string[] SubjectClaims =
        ["sub", ClaimTypes.NameIdentifier, "oid", "http://schemas.microsoft.com/identity/claims/objectidentifier"];

    /// <summary>True when the first subject claim present (in the task layer's order) has a value.</summary>
    public static bool Exists(ClaimsPrincipal? principal) =>
        principal is not null && SubjectClaims.Select(principal.FindFirst).FirstOrDefault(c => c is not null) is { Value.Length: > 0 };
}
