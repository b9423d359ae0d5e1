namespace DurableMcp.Conformance.Tests.Infrastructure;

/// <summary>A finished <c>conformance server</c> run: its exit code, its console output and every scenario's checks.</summary>
internal sealed record ConformanceRun(string Revision, Uri Url, int ExitCode, string Output, IReadOnlyList<ScenarioResult> Scenarios)
{
    /// <summary>The CLI's own baseline report: the lines from its summary on (expected, stale and unexpected entries).</summary>
    public string BaselineReport
    {
        get
        {
            var start = Output.IndexOf("=== SUMMARY ===", StringComparison.Ordinal);
            return start < 0 ? Output : Output[start..];
        }
    }
}
