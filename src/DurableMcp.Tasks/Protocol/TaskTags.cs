namespace DurableMcp.Tasks.Protocol;

/// <summary>
/// Tags recorded on every durable run the protocol layer starts: which revision created it and whether it is a task
/// at all (a call without a task runs the same orchestration inline). Persisted: a compatibility contract.
/// </summary>
internal static class TaskTags
{
    /// <summary>The protocol revision of the request that created the run (for example <c>2025-11-25</c>).</summary>
    public const string Revision = "rev";

    /// <summary>Present (value <c>inline</c>) on runs a call awaited itself; they are not listed as tasks.</summary>
    public const string Mode = "mode";

    public const string InlineMode = "inline";

    public static Dictionary<string, string> For(string revision, bool inline)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { [Revision] = revision };
        if (inline)
        {
            tags[Mode] = InlineMode;
        }

        return tags;
    }

    public static bool IsInline(IReadOnlyDictionary<string, string> tags) =>
        tags.TryGetValue(Mode, out var mode) && mode == InlineMode;
}
