namespace DurableMcp.Conformance.Tests.Infrastructure;

/// <summary>
/// The server scenarios a spec revision's frozen requirement set runs: the scored ones, and the ones it runs but does
/// not score (the Tasks extension, pending scenarios). This project holds the server to both.
/// </summary>
internal sealed record RequirementSet(string Revision, IReadOnlyList<string> Scored, IReadOnlyList<string> NotScored)
{
    public IEnumerable<string> All => Scored.Concat(NotScored);

    /// <summary>
    /// Reads the output of <c>conformance list --server --requirements {revision}</c>: the scored scenarios are the
    /// <c>  - name</c> lines under "Server scenarios", the unscored ones the <c>    - name [server]</c> lines under
    /// "never scored".
    /// </summary>
    public static RequirementSet Parse(string revision, string listOutput)
    {
        ArgumentNullException.ThrowIfNull(listOutput);
        var scored = new List<string>();
        var notScored = new List<string>();
        var section = "";
        foreach (var line in listOutput.Split('\n').Select(l => l.TrimEnd()))
        {
            if (line.StartsWith("Server scenarios", StringComparison.Ordinal))
            {
                section = "server";
            }
            else if (line.StartsWith("Client scenarios", StringComparison.Ordinal))
            {
                section = "client";
            }
            else if (line.Contains("never scored", StringComparison.Ordinal))
            {
                section = "not-scored";
            }
            else if (section == "server" && line.StartsWith("  - ", StringComparison.Ordinal))
            {
                scored.Add(line[4..].Trim());
            }
            else if (section == "not-scored" && line.TrimStart().StartsWith("- ", StringComparison.Ordinal) && line.EndsWith(" [server]", StringComparison.Ordinal))
            {
                notScored.Add(line.TrimStart()[2..^" [server]".Length].Trim());
            }
        }

        return scored.Count > 0
            ? new RequirementSet(revision, scored, notScored)
            : throw new InvalidOperationException($"No server scenarios in the list output for {revision}:{Environment.NewLine}{listOutput}");
    }
}
