using System.Text;

namespace DurableMcp.Conformance.Tests.Infrastructure;

/// <summary>
/// A run held to its baseline over every scenario it ran, the unscored ones included (the CLI's exit code covers only
/// the scored ones): must-pass scenarios that fail, failures the baseline does not list, and baseline entries that now
/// pass. The CLI's rules are kept: FAILURE and WARNING fail; a whole-scenario entry is stale once the scenario passes, a
/// per-check entry once that check succeeds.
/// </summary>
internal sealed class BaselineVerdict
{
    private BaselineVerdict(ConformanceRun run, ExpectedFailures baseline)
    {
        Run = run;
        Baseline = baseline;
    }

    public ConformanceRun Run { get; }

    public ExpectedFailures Baseline { get; }

    /// <summary>Must-pass scenarios that failed or did not run, with their failing checks.</summary>
    public List<ScenarioResult> MustPassFailures { get; } = [];

    /// <summary>Other scenarios with failing checks the baseline does not expect (or that did not run), with those checks.</summary>
    public List<(ScenarioResult Scenario, IReadOnlyList<ConformanceCheck> Checks)> UnexpectedFailures { get; } = [];

    /// <summary>Baseline entries of scenarios in this run that pass now.</summary>
    public List<BaselineEntry> StaleEntries { get; } = [];

    public bool IsClean => Run.ExitCode == 0 && MustPassFailures.Count == 0 && UnexpectedFailures.Count == 0 && StaleEntries.Count == 0;

    public static BaselineVerdict Judge(ConformanceRun run, ExpectedFailures baseline)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(baseline);
        var verdict = new BaselineVerdict(run, baseline);
        foreach (var scenario in run.Scenarios)
        {
            if (MustPassScenarios.Contains(scenario.Scenario))
            {
                if (!scenario.Passed)
                {
                    verdict.MustPassFailures.Add(scenario);
                }
            }
            else if (baseline.ExpectsWhole(scenario.Scenario))
            {
                if (scenario.Passed)
                {
                    verdict.StaleEntries.AddRange(baseline.Entries.Where(e => e.Scenario == scenario.Scenario));
                }
            }
            else
            {
                verdict.JudgeChecks(scenario, baseline.ChecksOf(scenario.Scenario));
            }
        }

        return verdict;
    }

    private void JudgeChecks(ScenarioResult scenario, IReadOnlyList<BaselineEntry> expected)
    {
        var unexpected = scenario.Checks.Where(c => c.IsFailing && !expected.Any(e => e.CheckId == c.Id)).ToList();
        if (unexpected.Count > 0 || !scenario.Ran)
        {
            UnexpectedFailures.Add((scenario, unexpected));
        }

        StaleEntries.AddRange(expected.Where(e =>
        {
            var checks = scenario.Checks.Where(c => c.Id == e.CheckId).ToList();
            return checks.Any(c => c.Status == "SUCCESS") && !checks.Any(c => c.IsFailing);
        }));
    }

    /// <summary>What a failing test prints: every failing scenario and check with its error, stale entries, the per-scenario summary and the CLI's own baseline report.</summary>
    public string Describe()
    {
        var text = new StringBuilder();
        text.AppendLine($"conformance server --requirements {Run.Revision} against {Run.Url} with {Baseline.FileName}: CLI exit code {Run.ExitCode}.");
        if (MustPassFailures.Count > 0)
        {
            text.AppendLine().AppendLine($"Must pass, and never baselined ({string.Join(", ", MustPassScenarios.Prefixes.Select(p => p + "*"))}):");
            foreach (var scenario in MustPassFailures)
            {
                AppendScenario(text, scenario, scenario.Checks.Where(c => c.IsFailing));
            }
        }

        if (UnexpectedFailures.Count > 0)
        {
            text.AppendLine().AppendLine($"Failing, and not in {Baseline.FileName}:");
            foreach (var (scenario, checks) in UnexpectedFailures)
            {
                AppendScenario(text, scenario, checks);
            }
        }

        if (StaleEntries.Count > 0)
        {
            text.AppendLine().AppendLine($"Passing now: remove these entries from {Baseline.FileName}:");
            foreach (var entry in StaleEntries)
            {
                text.AppendLine($"  - {entry} (line {entry.Line})");
            }
        }

        text.AppendLine().AppendLine("Per scenario:");
        foreach (var scenario in Run.Scenarios)
        {
            text.AppendLine($"  {scenario.Summary}");
        }

        return text.AppendLine().AppendLine("The CLI's report:").Append(Run.BaselineReport).ToString();
    }

    private static void AppendScenario(StringBuilder text, ScenarioResult scenario, IEnumerable<ConformanceCheck> checks)
    {
        text.AppendLine($"  {scenario.Scenario}{(scenario.Scored ? "" : " (not scored)")}{(scenario.Ran ? ":" : ": no checks.json; it did not run to the end (see the CLI's report)")}");
        foreach (var check in checks)
        {
            text.AppendLine($"    - {check.Id} [{check.Status}]: {check.ErrorMessage ?? check.Description}");
        }
    }
}
