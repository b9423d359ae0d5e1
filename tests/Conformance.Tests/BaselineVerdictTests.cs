using DurableMcp.Conformance.Tests.Infrastructure;

namespace DurableMcp.Conformance.Tests;

/// <summary>How a run is held to its baseline, on runs made up here (the CLI's exit code is 0 in all of them).</summary>
public sealed class BaselineVerdictTests
{
    private static readonly ConformanceCheck Passing = new("check-a", "SUCCESS");
    private static readonly ConformanceCheck Failing = new("check-b", "FAILURE", ErrorMessage: "Method 'prompts/get' is not available.");

    [Fact]
    public void Judge_UnscoredMustPassScenarioFails_ReportedWithCheckAndMessage()
    {
        var run = Run(new ScenarioResult("tasks-lifecycle", Scored: false, [Passing, Failing]));

        var verdict = BaselineVerdict.Judge(run, Baseline());

        Assert.False(verdict.IsClean);
        Assert.Equal("tasks-lifecycle", Assert.Single(verdict.MustPassFailures).Scenario);
        Assert.Contains("tasks-lifecycle (not scored):", verdict.Describe(), StringComparison.Ordinal);
        Assert.Contains("- check-b [FAILURE]: Method 'prompts/get' is not available.", verdict.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_FailingCheckNotInBaseline_Unexpected()
    {
        var run = Run(new ScenarioResult("prompts-get-simple", Scored: true, [Passing, Failing]));

        var verdict = BaselineVerdict.Judge(run, Baseline("  - prompts-get-simple:check-c  # another check"));

        var (scenario, checks) = Assert.Single(verdict.UnexpectedFailures);
        Assert.Equal("prompts-get-simple", scenario.Scenario);
        Assert.Equal("check-b", Assert.Single(checks).Id);
    }

    [Fact]
    public void Judge_WarningNotInBaseline_Unexpected()
    {
        var run = Run(new ScenarioResult("tools-list", Scored: true, [Passing, new ConformanceCheck("check-w", "WARNING")]));

        var verdict = BaselineVerdict.Judge(run, Baseline());

        Assert.Equal("check-w", Assert.Single(Assert.Single(verdict.UnexpectedFailures).Checks).Id);
    }

    [Fact]
    public void Judge_ScenarioWithoutChecks_UnexpectedUnlessBaselined()
    {
        var run = Run(new ScenarioResult("ping", Scored: true, []));

        var unlisted = BaselineVerdict.Judge(run, Baseline());
        var listed = BaselineVerdict.Judge(run, Baseline("  - ping  # does not run"));

        Assert.Contains("no checks.json", unlisted.Describe(), StringComparison.Ordinal);
        Assert.True(listed.IsClean, listed.Describe());
    }

    [Fact]
    public void Judge_ExpectedFailures_Clean()
    {
        var run = Run(
            new ScenarioResult("prompts-list", Scored: true, [Failing]),
            new ScenarioResult("prompts-get-simple", Scored: true, [Passing, Failing]));

        var verdict = BaselineVerdict.Judge(run, Baseline("  - prompts-list  # no prompts", "  - prompts-get-simple:check-b  # no prompts"));

        Assert.True(verdict.IsClean, verdict.Describe());
    }

    [Fact]
    public void Judge_UnscoredScenarioListedButPassing_Stale()
    {
        var run = Run(new ScenarioResult("json-schema-2020-12", Scored: false, [Passing]));

        var verdict = BaselineVerdict.Judge(run, Baseline("  - json-schema-2020-12  # no such tool"));

        Assert.Equal("json-schema-2020-12", Assert.Single(verdict.StaleEntries).Scenario);
        Assert.Contains("Passing now: remove these entries", verdict.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Judge_CheckEntryThatSucceeds_Stale()
    {
        var run = Run(new ScenarioResult("prompts-get-simple", Scored: true, [Passing, Failing]));

        var verdict = BaselineVerdict.Judge(run, Baseline("  - prompts-get-simple:check-a  # was failing", "  - prompts-get-simple:check-b  # still failing"));

        Assert.Equal("check-a", Assert.Single(verdict.StaleEntries).CheckId);
        Assert.Empty(verdict.UnexpectedFailures);
    }

    private static ConformanceRun Run(params ScenarioResult[] scenarios) =>
        new("2026-07-28", new Uri("http://127.0.0.1:1/mcp"), 0, "", scenarios);

    private static ExpectedFailures Baseline(params string[] entries) =>
        ExpectedFailures.Parse("test.yaml", "server:\n" + string.Join('\n', entries));
}
