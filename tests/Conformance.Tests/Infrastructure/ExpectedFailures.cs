namespace DurableMcp.Conformance.Tests.Infrastructure;

/// <summary>
/// An expected-failures baseline of the conformance CLI (<c>--expected-failures</c>), read for the checks this project
/// adds to the CLI's own: a YAML map whose <c>server</c> key lists <c>scenario</c> or <c>scenario:check-id</c> entries.
/// Only the plain shape the baselines are written in is read; anything else fails loudly rather than being misread.
/// An entry's reason is its trailing <c># comment</c>, or else the comment block directly above its group of entries.
/// </summary>
internal sealed record ExpectedFailures(string Path, IReadOnlyList<BaselineEntry> Entries)
{
    public string FileName => System.IO.Path.GetFileName(Path);

    /// <summary>The baseline of a revision's requirement set: tests/conformance/expected-failures.{revision}.yaml.</summary>
    public static string PathFor(string revision) => System.IO.Path.Combine(ConformanceInstall.SuiteDirectory, $"expected-failures.{revision}.yaml");

    public static ExpectedFailures Load(string path) => Parse(path, File.ReadAllText(path));

    public static ExpectedFailures Parse(string path, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var entries = new List<BaselineEntry>();
        var comment = new List<string>();
        var inServer = false;
        var lines = text.Split('\n');
        for (var index = 0; index < lines.Length; index++)
        {
            var line = lines[index].TrimEnd('\r', ' ');
            var (content, trailing) = SplitComment(line);
            if (content.Length == 0 && trailing is null)
            {
                comment.Clear(); // A blank line ends a group: its comment does not reach the next one.
            }
            else if (content.Length == 0)
            {
                comment.Add(trailing!);
            }
            else if (content is "server:" or "server: []")
            {
                inServer = true;
                comment.Clear();
            }
            else if (inServer && content.StartsWith("- ", StringComparison.Ordinal) && line.StartsWith("  - ", StringComparison.Ordinal))
            {
                var value = content[2..].Trim().Trim('\'', '"');
                var colon = value.IndexOf(':', StringComparison.Ordinal);
                var reason = trailing ?? string.Join(' ', comment);
                entries.Add(colon < 0
                    ? new BaselineEntry(value, null, reason, index + 1)
                    : new BaselineEntry(value[..colon], value[(colon + 1)..], reason, index + 1));
            }
            else
            {
                throw new FormatException($"{path}:{index + 1}: expected 'server:', '  - scenario[:check-id]  # reason' or a comment, found '{line}'.");
            }
        }

        return new ExpectedFailures(path, entries);
    }

    /// <summary>Whether the baseline expects <paramref name="scenario"/> to fail as a whole.</summary>
    public bool ExpectsWhole(string scenario) => Entries.Any(e => e.Scenario == scenario && e.CheckId is null);

    /// <summary>The checks of <paramref name="scenario"/> the baseline expects to fail one by one.</summary>
    public IReadOnlyList<BaselineEntry> ChecksOf(string scenario) => [.. Entries.Where(e => e.Scenario == scenario && e.CheckId is not null)];

    /// <summary>YAML starts a comment at a '#' that begins the line or follows a space.</summary>
    private static (string Content, string? Comment) SplitComment(string line)
    {
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '#' && (i == 0 || line[i - 1] == ' '))
            {
                return (line[..i].Trim(), line[(i + 1)..].Trim());
            }
        }

        return (line.Trim(), null);
    }
}
