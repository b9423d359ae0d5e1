using System.Globalization;

namespace DurableMcp.Tasks.Durable;

/// <summary>
/// The orchestration tags the task layer records on every run it starts: who owns it, how long it lives, which protocol
/// revision created it and whether it is a task at all (a call without a task runs the same orchestration inline).
/// Persisted: a compatibility contract.
/// </summary>
public static class TaskTags
{
    /// <summary>The owner id of the caller (absent for anonymous callers).</summary>
    public const string Owner = "owner";

    /// <summary>The time to live, in milliseconds from creation.</summary>
    public const string TtlMs = "ttlMs";

    /// <summary>
    /// The creation time the caller was told (ISO 8601). The engine stamps its own a moment later; this one keeps
    /// <c>createdAt</c> and the expiry identical in every answer.
    /// </summary>
    public const string CreatedAt = "createdAt";

    /// <summary>The protocol revision of the request that created the run (for example <c>2025-11-25</c>).</summary>
    public const string Revision = "rev";

    /// <summary>Present (value <c>inline</c>) on runs a call awaited itself; they are not listed as tasks.</summary>
    public const string Mode = "mode";

    public const string InlineMode = "inline";

    /// <summary>The tags of a new run.</summary>
    public static Dictionary<string, string> For(string revision, bool inline, string? owner, TimeSpan ttl, DateTimeOffset createdAt)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [Revision] = revision,
            [TtlMs] = ((long)ttl.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            [CreatedAt] = createdAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        };
        if (inline)
        {
            tags[Mode] = InlineMode;
        }

        if (owner is not null)
        {
            tags[Owner] = owner;
        }

        return tags;
    }

    public static bool IsInline(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(Mode, out var mode) && mode == InlineMode;

    public static DateTimeOffset? Created(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(CreatedAt, out var text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;

    public static TimeSpan? Ttl(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(TtlMs, out var text) && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : null;
}
