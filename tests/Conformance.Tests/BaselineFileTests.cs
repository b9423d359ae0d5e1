using DurableMcp.Conformance.Tests.Infrastructure;

namespace DurableMcp.Conformance.Tests;

/// <summary>The expected-failures baselines in tests/conformance stay honest: no must-pass scenario, a reason for every entry, real scenario names.</summary>
public sealed class BaselineFileTests
{
    public static TheoryData<string> Revisions => ["2026-07-28", "2025-11-25"];

    [Theory]
    [MemberData(nameof(Revisions))]
    public void Baseline_MustPassScenarios_NeverListed(string revision)
    {
        var baseline = ExpectedFailures.Load(ExpectedFailures.PathFor(revision));

        var listed = baseline.Entries.Where(e => MustPassScenarios.Contains(e.Scenario)).Select(e => $"{e} (line {e.Line})").ToList();

        Assert.True(listed.Count == 0, $"{baseline.FileName} lists scenarios that must pass: {string.Join(", ", listed)}");
    }

    [Theory]
    [MemberData(nameof(Revisions))]
    public void Baseline_EveryEntry_GivesAReason(string revision)
    {
        var baseline = ExpectedFailures.Load(ExpectedFailures.PathFor(revision));

        var unexplained = baseline.Entries.Where(e => string.IsNullOrWhiteSpace(e.Reason)).Select(e => $"{e} (line {e.Line})").ToList();

        Assert.True(unexplained.Count == 0, $"{baseline.FileName}: entries without a '# reason' comment: {string.Join(", ", unexplained)}");
    }

    [Theory]
    [MemberData(nameof(Revisions))]
    public async Task Baseline_Entries_NameScenariosOfTheRequirementSet(string revision)
    {
        var baseline = ExpectedFailures.Load(ExpectedFailures.PathFor(revision));
        var requirements = await ConformanceCli.ListAsync(revision);

        var unknown = baseline.Entries.Where(e => !requirements.All.Contains(e.Scenario)).Select(e => $"{e} (line {e.Line})").ToList();

        Assert.True(unknown.Count == 0, $"{baseline.FileName} names scenarios the {revision} requirement set does not run: {string.Join(", ", unknown)}");
    }
}
