using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DurableMcp.Testing;

namespace DurableMcp.Conformance.Tests.Infrastructure;

/// <summary>
/// Runs the pinned conformance CLI (see <see cref="ConformanceInstall"/>) on its own Node.js 22, in a temporary folder
/// that is deleted afterwards; the scenarios' checks.json files are read before it goes.
/// </summary>
internal static partial class ConformanceCli
{
    /// <summary>The whole suite takes a few seconds; a scenario that hangs ends at the CLI's per-scenario timeout.</summary>
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);
    private static readonly TimeSpan ScenarioTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The server scenarios of a revision's requirement set (<c>conformance list --server --requirements</c>).</summary>
    public static async Task<RequirementSet> ListAsync(string revision, CancellationToken cancellationToken = default)
    {
        var (exitCode, output) = await RunAsync(["list", "--server", "--requirements", revision], Path.GetTempPath(), cancellationToken);
        return exitCode == 0
            ? RequirementSet.Parse(revision, output)
            : throw new InvalidOperationException($"conformance list --requirements {revision} exited {exitCode}:{Environment.NewLine}{output}");
    }

    /// <summary>
    /// Runs the requirement set of <paramref name="revision"/> against <paramref name="url"/> with
    /// <paramref name="baselinePath"/> as the expected failures; or, given <paramref name="scenario"/>, only that scenario
    /// at that revision's wire (the CLI takes <c>--requirements</c> or <c>--scenario</c>, not both).
    /// </summary>
    public static async Task<ConformanceRun> RunServerAsync(Uri url, string revision, string baselinePath, string? scenario = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(url);
        var requirements = await ListAsync(revision, cancellationToken);
        var workDirectory = Directory.CreateTempSubdirectory("durablemcp-conformance-").FullName;
        try
        {
            var resultsDirectory = Path.Combine(workDirectory, "results");
            List<string> arguments =
            [
                "server", "--url", url.ToString(), "--expected-failures", baselinePath,
                "--timeout", ((int)ScenarioTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture), "-o", resultsDirectory,
                .. scenario is null ? ["--requirements", revision] : (string[])["--scenario", scenario, "--spec-version", revision],
            ];

            var (exitCode, output) = await RunAsync(arguments, workDirectory, cancellationToken);
            var checks = ReadChecks(resultsDirectory);
            var scenarios = (scenario is null ? requirements.All : [scenario])
                .Select(name => new ScenarioResult(name, requirements.Scored.Contains(name), checks.GetValueOrDefault(name, [])))
                .ToList();
            return new ConformanceRun(revision, url, exitCode, output, scenarios);
        }
        finally
        {
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    /// <summary>checks.json of each scenario: the CLI writes it to <c>server-{scenario}-{timestamp}/</c>.</summary>
    private static Dictionary<string, IReadOnlyList<ConformanceCheck>> ReadChecks(string resultsDirectory)
    {
        var checks = new Dictionary<string, IReadOnlyList<ConformanceCheck>>(StringComparer.Ordinal);
        if (!Directory.Exists(resultsDirectory))
        {
            return checks;
        }

        foreach (var file in Directory.EnumerateFiles(resultsDirectory, "checks.json", SearchOption.AllDirectories))
        {
            var folder = Path.GetFileName(Path.GetDirectoryName(file)!);
            var match = ResultFolder().Match(folder);
            if (match.Success)
            {
                checks[match.Groups["scenario"].Value] = JsonSerializer.Deserialize<List<ConformanceCheck>>(File.ReadAllText(file))
                    ?? throw new InvalidOperationException($"{file} holds no checks.");
            }
        }

        return checks;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(IEnumerable<string> arguments, string workingDirectory, CancellationToken cancellationToken)
    {
        var tools = await ConformanceInstall.GetAsync();
        var start = new ProcessStartInfo(tools.Node) { WorkingDirectory = workingDirectory };
        start.ArgumentList.Add(tools.Cli);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var run = await ChildProcess.RunAsync(start, RunTimeout, cancellationToken);
        var output = AnsiEscape().Replace(run.Output, "");
        return run.TimedOut
            ? throw new TimeoutException($"conformance {string.Join(' ', arguments)} did not finish within {RunTimeout.TotalMinutes:0} minutes and was killed. Output:{Environment.NewLine}{output}")
            : (run.ExitCode, output);
    }

    [GeneratedRegex(@"^server-(?<scenario>.+)-\d{4}-\d{2}-\d{2}T[\d-]+Z$")]
    private static partial Regex ResultFolder();

    [GeneratedRegex(@"\x1B\[[0-9;]*m")]
    private static partial Regex AnsiEscape();
}
