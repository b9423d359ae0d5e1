using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Azure.Storage.Blobs;
using DurableMcp.Tools.Outputs;
using DurableMcp.Tools.Repositories;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableMcp.Bench;

/// <summary>
/// evaluate_repositories' repositories per second on generated Git repositories (file:// URLs), against a plain
/// single-process loop doing the same work without durability: the tool's own activities (<see cref="EvaluateRepository"/>
/// for each repository, as many at once as the tool's parallelism, then <see cref="WriteRepositoryReport"/>) called
/// directly from the bench. The ratio is the price of durability (an orchestration episode and an activity message per
/// repository, history, status). Both sides must find the same top five.
/// </summary>
internal static class RepositoriesPhase
{
    public static async Task<DurabilityResult> RunAsync(BenchContext bench, CancellationToken cancellationToken = default)
    {
        var settings = bench.Settings;
        var directory = Path.Combine(Path.GetTempPath(), $"durablemcp-bench-repos-{Environment.ProcessId}-{Guid.NewGuid():N}"[..48]);
        try
        {
            var clock = Stopwatch.StartNew();
            var urls = await RepositoryGenerator.GenerateAsync(directory, settings.RepositoriesCount, cancellationToken);
            bench.Progress($"repos: {urls.Count} repositories generated in {clock.Elapsed.TotalSeconds:0.0} s under {directory}");
            var tops = new List<string>();
            var result = await DurabilityRounds.RunAsync(
                bench,
                "repos",
                "repositories",
                urls.Count,
                settings.RepositoriesRounds,
                async (round, ct) =>
                {
                    var (run, top) = await DurableAsync(bench, urls, round, ct);
                    tops.Add(top);
                    return run;
                },
                async (round, ct) =>
                {
                    var (run, top) = await PlainAsync(bench, urls, round, ct);
                    tops.Add(top);
                    return run;
                },
                cancellationToken);
            if (tops.Distinct(StringComparer.Ordinal).Count() != 1)
            {
                throw new InvalidOperationException($"The sides ranked the repositories differently: {string.Join(" | ", tops)}");
            }

            bench.Progress($"repos: every side and round found the same top five: {tops[0]}");
            return result;
        }
        finally
        {
            BenchRun.TryDelete(directory);
        }
    }

    /// <summary>evaluate_repositories through MCP on a fresh server and task hub (file:// URLs allowed).</summary>
    private static async Task<(SideRun Run, string Top)> DurableAsync(BenchContext bench, IReadOnlyList<string> urls, int round, CancellationToken cancellationToken)
    {
        await using var tenant = await Tenant.StartAsync(
            bench,
            "server (worker on, evaluate_repositories)",
            string.Create(CultureInfo.InvariantCulture, $"benchrepos{round}"),
            workerEnabled: true,
            null,
            cancellationToken,
            new Dictionary<string, string> { ["Repositories__AllowFileUrls"] = "true" },
            counted: false);
        var client = new McpTaskClient(bench.Http, tenant.Server.McpEndpoint);
        await DurableToolCall.RunAsync(bench, client, "evaluate_repositories", Arguments(bench, urls.Take(WarmupCount(bench, urls))), "repos warm-up", cancellationToken);
        var before = bench.Cpu([tenant.Server]);
        var (task, elapsed) = await DurableToolCall.RunAsync(bench, client, "evaluate_repositories", Arguments(bench, urls), "repos", cancellationToken);
        var cpu = CpuUse.Between(before, bench.Cpu([tenant.Server]));
        var summary = DurableToolCall.StructuredResult(task, "evaluate_repositories");
        var evaluated = summary.GetProperty("evaluated").GetInt32();
        if (evaluated != urls.Count)
        {
            throw new InvalidOperationException($"evaluate_repositories evaluated {evaluated} of {urls.Count} repositories: {summary.GetRawText()}");
        }

        var top = string.Join(", ", summary.GetProperty("top").EnumerateArray().Select(r => Describe(r.GetProperty("repository").GetString()!, r.GetProperty("score").GetInt32())));
        return (new SideRun(elapsed, cpu), top);
    }

    /// <summary>The tool's activities called straight from the bench: no orchestration, no history, no queue.</summary>
    private static async Task<(SideRun Run, string Top)> PlainAsync(BenchContext bench, IReadOnlyList<string> urls, int round, CancellationToken cancellationToken)
    {
        var blobs = new BlobServiceClient(bench.DirectConnectionString);
        var evaluate = new EvaluateRepository(blobs, NullLogger<EvaluateRepository>.Instance);
        var write = new WriteRepositoryReport(new BlobTaskOutputStore(blobs));
        var taskId = string.Create(CultureInfo.InvariantCulture, $"bench-plain-repos-{round}");
        var options = new ParallelOptions { MaxDegreeOfParallelism = bench.Settings.RepositoriesParallelism, CancellationToken = cancellationToken };
        async Task<RepositoryEvaluation[]> EvaluateAllAsync(IReadOnlyList<string> some, string id)
        {
            var evaluations = new RepositoryEvaluation[some.Count];
            await Parallel.ForEachAsync(Enumerable.Range(0, some.Count), options, async (i, _) =>
                evaluations[i] = await evaluate.RunAsync(new PlainActivityContext(nameof(EvaluateRepository), id), new EvaluateRepositoryInput(i, new RepositorySource(Url: some[i]))));
            await write.RunAsync(new PlainActivityContext(nameof(WriteRepositoryReport), id), new WriteRepositoryReportInput(id, evaluations));
            return evaluations;
        }

        await EvaluateAllAsync([.. urls.Take(WarmupCount(bench, urls))], taskId + "-warmup");
        var before = bench.Cpu([]);
        var clock = Stopwatch.StartNew();
        var evaluations = await EvaluateAllAsync(urls, taskId);
        var elapsed = clock.Elapsed;
        var cpu = CpuUse.Between(before, bench.Cpu([]));
        if (evaluations.FirstOrDefault(e => e.Error is not null) is { } failed)
        {
            throw new InvalidOperationException($"The plain loop could not evaluate {failed.Repository}: {failed.Error}");
        }

        var top = string.Join(", ", RepositoryRanking.Order(evaluations).Take(5).Select(e => Describe(e.Repository, e.Score)));
        return (new SideRun(elapsed, cpu), top);
    }

    // Each side first evaluates a few repositories untimed: a fresh server (or the bench's first round) runs its first
    // calls on tier-0 code, which would weigh on small runs and on whichever side is cold.
    private static int WarmupCount(BenchContext bench, IReadOnlyList<string> urls) => Math.Min(urls.Count, bench.Settings.RepositoriesParallelism * 2);

    private static JsonObject Arguments(BenchContext bench, IEnumerable<string> urls) => new()
    {
        ["repositories"] = new JsonArray([.. urls.Select(url => (JsonNode)new JsonObject { ["url"] = url })]),
        ["parallelism"] = bench.Settings.RepositoriesParallelism,
    };

    private static string Describe(string repository, int score) =>
        string.Create(CultureInfo.InvariantCulture, $"{Path.GetFileNameWithoutExtension(new Uri(repository).LocalPath)} {score}");
}
