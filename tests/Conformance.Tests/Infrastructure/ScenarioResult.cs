namespace DurableMcp.Conformance.Tests.Infrastructure;

/// <summary>A scenario the CLI ran, with its checks; <see cref="Checks"/> is empty when it wrote no checks.json.</summary>
internal sealed record ScenarioResult(string Scenario, bool Scored, IReadOnlyList<ConformanceCheck> Checks)
{
    /// <summary>A scenario without checks.json did not run to the end (the CLI crashed on it or never reached it).</summary>
    public bool Ran => Checks.Count > 0;

    public bool Passed => Ran && !Checks.Any(c => c.IsFailing);

    public string Summary =>
        !Ran ? $"? {Scenario}: no checks.json"
        : $"{(Passed ? "ok" : "FAIL")} {Scenario}{(Scored ? "" : " (not scored)")}: {Count("SUCCESS")} passed, {Count("FAILURE")} failed, {Count("WARNING")} warnings";

    private int Count(string status) => Checks.Count(c => c.Status == status);
}
