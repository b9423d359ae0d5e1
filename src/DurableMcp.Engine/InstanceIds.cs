using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DurableMcp.Engine;

/// <summary>
/// Instance ids double as bearer handles (an MCP task id): 32 bytes, URL-safe base64 (43 characters), valid in table
/// keys, queue messages, blob names and URLs. The first 12 bytes name the storage partition: a hash of the owner, so
/// one owner's instances share a partition (its limit and listing are one partition's business), or random bytes for
/// an instance without an owner. The other 20 bytes (160 bits) come from a CSPRNG and make the id unguessable.
/// </summary>
public static class InstanceIds
{
    /// <summary>Random bits in a new id, besides its partition.</summary>
    public const int EntropyBits = 160;

    /// <summary>Characters of an id.</summary>
    public const int Length = 43;

    private const int PartitionBytes = 12;
    private const int PartitionChars = PartitionBytes * 4 / 3;

    // Base64Url.IsValid skips whitespace, so it alone would let spaces and control characters through to table keys.
    private static readonly SearchValues<char> UrlSafeAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>Creates a new unguessable id in <paramref name="owner"/>'s partition (a partition of its own when null).</summary>
    public static string New(string? owner = null)
    {
        Span<byte> bytes = stackalloc byte[PartitionBytes + (EntropyBits / 8)];
        if (owner is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            OwnerHash(owner, bytes[..PartitionBytes]);
            RandomNumberGenerator.Fill(bytes[PartitionBytes..]);
        }

        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>
    /// True when <paramref name="candidate"/> has the shape of an id this engine issues. Lets callers reject
    /// garbage before a storage round trip (and keeps odd characters away from table keys).
    /// </summary>
    public static bool IsWellFormed(string? candidate) =>
        candidate is { Length: Length } && !candidate.AsSpan().ContainsAnyExcept(UrlSafeAlphabet) && Base64Url.IsValid(candidate);

    /// <summary>
    /// False when <paramref name="instanceId"/> cannot be one of <paramref name="owner"/>'s instances (malformed, or in
    /// another partition), so that an owner's lookups of anyone else's ids cost no storage read and read nothing.
    /// </summary>
    public static bool CanBelongTo(string? instanceId, string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return IsWellFormed(instanceId) && string.Equals(PartitionOf(instanceId!), PartitionOfOwner(owner), StringComparison.Ordinal);
    }

    /// <summary>The storage partition of a well-formed id.</summary>
    internal static string PartitionOf(string instanceId) => instanceId[..PartitionChars];

    /// <summary>The storage partition of an owner's instances.</summary>
    internal static string PartitionOfOwner(string owner)
    {
        Span<byte> hash = stackalloc byte[PartitionBytes];
        OwnerHash(owner, hash);
        return Base64Url.EncodeToString(hash);
    }

    private static void OwnerHash(string owner, Span<byte> destination)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(owner), hash);
        hash[..destination.Length].CopyTo(destination);
    }
}
