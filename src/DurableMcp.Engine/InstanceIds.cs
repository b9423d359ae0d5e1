using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace DurableMcp.Engine;

/// <summary>
/// Instance ids double as bearer handles (an MCP task id), so they are 160 bits from a CSPRNG,
/// URL-safe base64 (27 characters): valid in table keys, queue messages, blob names and URLs.
/// </summary>
public static class InstanceIds
{
    /// <summary>Random bits in a new id.</summary>
    public const int EntropyBits = 160;

    // Base64Url.IsValid skips whitespace, so it alone would let spaces and control characters through to table keys.
    private static readonly SearchValues<char> UrlSafeAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>Creates a new unguessable id.</summary>
    public static string New()
    {
        Span<byte> bytes = stackalloc byte[EntropyBits / 8];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// True when <paramref name="candidate"/> has the shape of an id this engine issues. Lets callers reject
    /// garbage before a storage round trip (and keeps odd characters away from table keys).
    /// </summary>
    public static bool IsWellFormed(string? candidate) =>
        candidate is { Length: 27 } && !candidate.AsSpan().ContainsAnyExcept(UrlSafeAlphabet) && Base64Url.IsValid(candidate);
}
