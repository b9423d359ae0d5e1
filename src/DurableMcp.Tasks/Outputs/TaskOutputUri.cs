using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace DurableMcp.Tasks.Outputs;

/// <summary>
/// The URI of a task's output file: <c>task://{taskId}/{name}</c>, optionally <c>?offset={bytes}</c> for one page of a
/// large text output. The URI names the task, not the storage: the task id is what the server checks (owner, expiry)
/// before it reads anything, and where the bytes live (container, account) stays the server's business and can change.
/// </summary>
public static class TaskOutputUri
{
    /// <summary>The scheme of task outputs.</summary>
    public const string Scheme = "task";

    /// <summary>The resource template clients see in <c>resources/templates/list</c>.</summary>
    public const string Template = "task://{taskId}/{name}";

    /// <summary>Longest output name.</summary>
    public const int MaxNameLength = 200;

    // Names are plain relative paths: no "..", no empty segments, nothing that needs escaping in a URI or a blob name.
    private static readonly SearchValues<char> NameCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./");

    /// <summary>The URI of output <paramref name="name"/> of task <paramref name="taskId"/>.</summary>
    public static string For(string taskId, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(taskId);
        if (!IsValidName(name))
        {
            throw new ArgumentException($"'{name}' is not a valid output name (letters, digits, '-', '_', '.', '/' segments).", nameof(name));
        }

        return $"{Scheme}://{taskId}/{name}";
    }

    /// <summary>The URI of the page of <paramref name="name"/> that starts at byte <paramref name="offset"/>.</summary>
    public static string ForPage(string taskId, string name, long offset) =>
        string.Create(CultureInfo.InvariantCulture, $"{For(taskId, name)}?offset={offset}");

    /// <summary>True when <paramref name="name"/> can name an output.</summary>
    public static bool IsValidName([NotNullWhen(true)] string? name) =>
        name is { Length: > 0 and <= MaxNameLength } &&
        !name.AsSpan().ContainsAnyExcept(NameCharacters) &&
        name.Split('/').All(segment => segment.Length > 0 && segment != "." && segment != "..");

    /// <summary>Reads a task output URI; false for anything else (another scheme, a malformed id, name or offset).</summary>
    public static bool TryParse(string? uri, [NotNullWhen(true)] out string? taskId, [NotNullWhen(true)] out string? name, out long? offset)
    {
        taskId = null;
        name = null;
        offset = null;
        const string prefix = Scheme + "://";
        if (uri is null || !uri.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = uri.AsSpan(prefix.Length);
        var query = rest.IndexOf('?');
        if (query >= 0)
        {
            var parameter = rest[(query + 1)..];
            if (!parameter.StartsWith("offset=", StringComparison.Ordinal) ||
                !long.TryParse(parameter["offset=".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
            {
                return false;
            }

            offset = start;
            rest = rest[..query];
        }

        var slash = rest.IndexOf('/');
        if (slash <= 0)
        {
            return false;
        }

        var id = rest[..slash].ToString();
        var file = rest[(slash + 1)..].ToString();
        if (!Durable.TaskIds.IsWellFormed(id) || !IsValidName(file))
        {
            offset = null;
            return false;
        }

        (taskId, name) = (id, file);
        return true;
    }
}
