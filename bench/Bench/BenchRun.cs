using System.Diagnostics;
using DurableMcp.DevStorage;

namespace DurableMcp.Bench;

/// <summary>
/// One full run against one Azurite: the latency phase (a server with its worker off), create -> completed and throughput
/// (a server with its worker on, the product's default polling), then the polling settings (one server each). Every
/// process the run starts is stopped at the end, also when it is cancelled. Progress goes to stderr.
/// </summary>
internal sealed class BenchRun(BenchSettings settings, HttpClient http)
{
    public async Task<BenchResults?> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var root = AzuriteLauncher.FindRepositoryRoot(AppContext.BaseDirectory) ?? AzuriteLauncher.FindRepositoryRoot(Environment.CurrentDirectory)
            ?? throw new InvalidOperationException("No package.json with Azurite above the bench; run it from the repository.");
        var loadBefore = LoadAverage();
        var dataDirectory = Path.Combine(settings.AzuriteDataParent, $"durablemcp-bench-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Process? azurite = null;
        try
        {
            var ports = AzuriteLauncher.FreePorts();
            Console.Error.WriteLine($"Starting Azurite on {ports} ({(settings.AzuriteInMemory ? "data in memory" : $"data in {dataDirectory}")}); servers: {ServerProcess.FunctionAppPath}");

            // Not cancellable: a start cut off half-way would leave Azurite running with no one to kill it.
            azurite = await AzuriteLauncher.StartAsync(root, ports, dataDirectory, CancellationToken.None, inMemoryPersistence: settings.AzuriteInMemory);
            ChildProcesses.Track(azurite);
            cancellationToken.ThrowIfCancellationRequested();
            var bench = new BenchContext(settings, http, azurite, ports);

            var phases = settings.Phases;
            LatencyResult? latency = null;
            if (phases.Contains("latency"))
            {
                bench.Progress($"latency: {settings.WarmupRounds} warm-up rounds, then {settings.LatencyCalls} creates and gets each way, interleaved (server worker off), then a few counted");
                latency = await LatencyPhase.RunAsync(bench, cancellationToken);
                bench.Progress($"latency: create p50 {latency.Create.Mcp.P50:0.00} ms through MCP, {latency.Create.Raw.P50:0.00} ms raw ({latency.Create.Mcp.P50 / latency.Create.Raw.P50:0.00}x), " +
                               $"{latency.Create.Engine!.P50:0.00} ms raw on the server's engine ({latency.Create.Mcp.P50 / latency.Create.Engine.P50:0.00}x); " +
                               $"get p50 {latency.Get.Mcp.P50:0.00} / {latency.Get.Raw.P50:0.00} / {latency.Get.Engine!.P50:0.00} ms; tools/list {latency.NoStorage.P50:0.00} ms, " +
                               $"refused create {latency.Breakdown.Refused.P50:0.00} ms, raw with a task's id and tags {latency.Breakdown.RawShaped.P50:0.00} ms");
            }

            PairedResult? owned = null;
            if (phases.Contains("owner"))
            {
                bench.Progress("creates with identity on (development tokens): the per-caller limit applies");
                owned = await OwnerPhase.RunAsync(bench, cancellationToken);
            }

            PairedResult? completion = null;
            if (phases.Contains("completion"))
            {
                await using var tenant = await Tenant.StartAsync(bench, "server (worker on)", "benchwork", workerEnabled: true, null, cancellationToken);
                bench.Progress($"create -> completed, 1 activity: {settings.CompletionRounds} rounds each way (server worker on, default polling)");
                completion = await CompletionPhase.RunAsync(bench, tenant, cancellationToken);
                bench.Progress($"create -> completed: p50 {completion.Mcp.P50:0} ms through MCP, {completion.Raw.P50:0} ms raw");
            }

            ThroughputResult? throughput = null;
            if (phases.Contains("throughput"))
            {
                bench.Progress($"throughput: {settings.ThroughputRounds} x {settings.ThroughputTasks} run_steps(3) each way, {settings.ThroughputCallers} callers; a front door and a worker process");
                throughput = await ThroughputPhase.RunAsync(bench, cancellationToken);
            }

            IReadOnlyList<PollingResult>? polling = null;
            if (phases.Contains("polling"))
            {
                bench.Progress($"polling settings {string.Join(", ", settings.PollingIntervals.Select(PollingPhase.Seconds))}: one server each, side by side; " +
                               $"{settings.ResumeRoundsAtOnce} answers at once, {settings.ResumeRoundsAfterIdle} after idle each way, {settings.IdleWindow.TotalSeconds:0} s idle");
                polling = await PollingPhase.RunAsync(bench, cancellationToken);
            }

            if (phases.Contains(BenchSettings.LoadPhaseName))
            {
                bench.Progress($"load: {settings.LoadCallers} callers with identities for {settings.LoadDuration.TotalSeconds:0} s (create, poll, answer, cancel), then every task must end");
                LoadReport.Print(await LoadPhase.RunAsync(bench, cancellationToken), Console.Out);
            }

            if (phases.Contains(BenchSettings.PushPhaseName))
            {
                bench.Progress($"push: {settings.PushWatchedTasks} quiet tasks watched by one subscriptions/listen stream, counted over {settings.IdleWindow.TotalSeconds:0} s against idle; {settings.PushRounds} answered tasks timed from the recorded change to its notification");
                await PushPhase.RunAsync(bench, cancellationToken);
            }

            if (phases.Contains(BenchSettings.EtlPhaseName))
            {
                bench.Progress($"etl: {settings.EtlRounds} round(s) of run_etl on {settings.EtlRows:N0} generated rows (chunks of {settings.EtlChunkRows:N0}, parallelism {settings.EtlParallelism}) " +
                               "and a plain loop doing the same work without durability, alternating which goes first");
                (await EtlPhase.RunAsync(bench, cancellationToken)).Report(bench, "etl", "rows", "run_etl", per: 1000, "1,000 rows");
            }

            if (phases.Contains(BenchSettings.RepositoriesPhaseName))
            {
                bench.Progress($"repos: {settings.RepositoriesRounds} round(s) of evaluate_repositories on {settings.RepositoriesCount} generated repositories (parallelism {settings.RepositoriesParallelism}) " +
                               "and a plain loop calling the same activities without durability, alternating which goes first");
                (await RepositoriesPhase.RunAsync(bench, cancellationToken)).Report(bench, "repos", "repositories", "evaluate_repositories", per: 1, "repository");
            }

            if (latency is null || owned is null || completion is null || throughput is null || polling is null)
            {
                return null; // some phases skipped: the progress lines are the report
            }

            return new BenchResults
            {
                Settings = settings,
                LoadAverageBefore = loadBefore,
                AzuriteDataDirectory = dataDirectory,
                Latency = latency,
                OwnedCreate = owned,
                Completion = completion,
                Throughput = throughput,
                Polling = polling,
                Elapsed = Stopwatch.GetElapsedTime(started),
            };
        }
        finally
        {
            if (azurite is not null)
            {
                await ChildProcesses.KillAsync(azurite);
                azurite.Dispose();
            }

            TryDelete(dataDirectory);
            Console.Error.WriteLine("All child processes stopped.");
        }
    }

    private static double? LoadAverage()
    {
        try
        {
            return File.Exists("/proc/loadavg")
                ? double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)
                : null;
        }
        catch (Exception e) when (e is IOException or FormatException)
        {
            return null;
        }
    }

    /// <summary>Deletes a temporary directory of the run, saying so when it cannot.</summary>
    public static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"Could not delete {directory}: {e.Message}");
        }
    }
}
