using DurableMcp.Conformance.Tests.Infrastructure;
using DurableMcp.Testing;
using Xunit.Abstractions;

namespace DurableMcp.Conformance.Tests;

/// <summary>
/// The official MCP conformance suite (tests/conformance/package.json) against the real server process with its
/// conformance fixtures on (<c>Conformance__Enabled=true</c>), anonymous callers, on a task hub of its own: each
/// revision's frozen requirement set, the unscored Tasks extension scenarios included, held to that revision's baseline.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConformanceSuiteTests(AzuriteFixture azurite, ServerProcessFixture server, ITestOutputHelper output) : IClassFixture<ServerProcessFixture>
{
    private const int ServerLinesShown = 20;

    [Theory]
    [InlineData("2026-07-28")]
    [InlineData("2025-11-25")]
    public async Task RequirementSet_AgainstBaseline_FailsOnlyAsExpected(string revision)
    {
        var process = await ServerAsync();
        var baseline = ExpectedFailures.Load(ExpectedFailures.PathFor(revision));

        var run = await ConformanceCli.RunServerAsync(process.McpEndpoint, revision, baseline.Path);
        var verdict = BaselineVerdict.Judge(run, baseline);

        output.WriteLine(verdict.Describe());
        Assert.True(verdict.IsClean, verdict.Describe() + ServerTail(process));
    }

    [Fact]
    public async Task BaselineEntry_ScenarioPasses_ReportedAsStale()
    {
        const string Revision = "2026-07-28";
        const string PassingScenario = "tools-list";
        var process = await ServerAsync();
        var path = Path.Combine(Directory.CreateTempSubdirectory("durablemcp-conformance-baseline-").FullName, "expected-failures.yaml");
        try
        {
            await File.WriteAllTextAsync(path, $"server:\n  - {PassingScenario}  # deliberately wrong: it passes\n");
            var baseline = ExpectedFailures.Load(path);

            var run = await ConformanceCli.RunServerAsync(process.McpEndpoint, Revision, path, PassingScenario);
            var verdict = BaselineVerdict.Judge(run, baseline);

            output.WriteLine(run.Output);
            Assert.True(run.Scenarios.Single().Passed, verdict.Describe());
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("Stale baseline entries", run.Output, StringComparison.Ordinal);
            Assert.Contains($"✓ {PassingScenario}", run.Output, StringComparison.Ordinal);
            Assert.Equal(PassingScenario, Assert.Single(verdict.StaleEntries).Scenario);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
        }
    }

    /// <summary>The server's last lines: the checks carry the protocol errors; this is for a server that died or hung.</summary>
    private static string ServerTail(ServerProcess process) =>
        $"{Environment.NewLine}Server {process.Name}{(process.HasExited ? " (exited)" : "")}, last lines:{Environment.NewLine}" +
        string.Join(Environment.NewLine, process.RecentOutput.Split(Environment.NewLine).TakeLast(ServerLinesShown));

    private Task<ServerProcess> ServerAsync() =>
        server.GetAsync(azurite, "conformance", settings => settings["Conformance__Enabled"] = "true");
}
