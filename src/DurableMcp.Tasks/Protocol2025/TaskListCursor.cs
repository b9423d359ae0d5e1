using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>
/// The opaque <c>tasks/list</c> cursor: the store's continuation token with a check bound to the caller, so a cursor
/// that was altered, truncated or made for someone else is refused (-32602) instead of reaching the store.
/// </summary>
internal static class TaskListCursor
{
    private const int CheckBytes = 12;

    public static string Encode(string owner, string continuationToken)
    {
        var token = Encoding.UTF8.GetBytes(continuationToken);
        return Base64Url.EncodeToString(token) + "." + Base64Url.EncodeToString(Check(owner, token));
    }

    public static bool TryDecode(string owner, string cursor, out string continuationToken)
    {
        continuationToken = "";
        var dot = cursor.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || cursor.Length > 4096)
        {
            return false;
        }

        byte[] token, check;
        try
        {
            token = Base64Url.DecodeFromChars(cursor.AsSpan(0, dot));
            check = Base64Url.DecodeFromChars(cursor.AsSpan(dot + 1));
        }
        catch (FormatException)
        {
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(check, Check(owner, token)))
        {
            return false;
        }

        continuationToken = Encoding.UTF8.GetString(token);
        return true;
    }

    private static byte[] Check(string owner, byte[] token)
    {
        var data = Encoding.UTF8.GetBytes("tasks/list\n" + owner + "\n").Concat(token).ToArray();
        return SHA256.HashData(data)[..CheckBytes];
    }
}
