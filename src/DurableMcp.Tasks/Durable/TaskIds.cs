using System.Buffers;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DurableMcp.Tasks.Durable;

/// <summary>
/// Task ids are orchestration instance ids that double as bearer handles: 32 bytes, URL-safe base64 (43 characters).
/// The first 12 bytes are a hash of the owner (random for an anonymous caller), so one owner's tasks share an id prefix:
/// Durable Functions finds them with an <c>InstanceIdPrefix</c> query (a key-range scan on Azure Storage), and an id of
/// anyone else is refused without a storage read. The other 20 bytes (160 bits) come from a CSPRNG.
/// </summary>
public static class TaskIds
{
    /// <summary>Random bits in a new id, besides its owner prefix.</summary>
    public const int EntropyBits = 160;

    /// <summary>Characters of an id.</summary>
    public const int Length = 43;

    private const int PrefixBytes = 12;

    // Base64Url.IsValid skips whitespace, so it alone would let spaces and control characters through to storage keys.
    private static readonly SearchValues<char> UrlSafeAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    /// <summary>A new unguessable id under <paramref name="owner"/>'s prefix (a random prefix when null).</summary>
    public static string New(string? owner = null)
    {
        Span<byte> bytes = stackalloc byte[PrefixBytes + (EntropyBits / 8)];
        if (owner is null)
        {
            RandomNumberGenerator.Fill(bytes);
        }
        else
        {
            OwnerHash(owner, bytes[..PrefixBytes]);
            RandomNumberGenerator.Fill(bytes[PrefixBytes..]);
        }

        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>True when <paramref name="candidate"/> has the shape of an id this server issues.</summary>
    public static bool IsWellFormed(string? candidate) =>
        candidate is { Length: Length } && !candidate.AsSpan().ContainsAnyExcept(UrlSafeAlphabet) && Base64Url.IsValid(candidate);

    /// <summary>False when <paramref name="taskId"/> cannot be one of <paramref name="owner"/>'s tasks (malformed, or another prefix).</summary>
    public static bool CanBelongTo(string? taskId, string owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        return IsWellFormed(taskId) && taskId!.StartsWith(PrefixOf(owner), StringComparison.Ordinal);
    }

    /// <summary>The id prefix every task of <paramref name="owner"/> starts with.</summary>
    public static string PrefixOf(string owner)
    {
        Span<byte> hash = stackalloc byte[PrefixBytes];
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
