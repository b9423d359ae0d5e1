using System.Diagnostics;
using DurableMcp.DevStorage;

namespace DurableMcp.Bench;

/// <summary>
/// One full run: its own Azurite and FunctionApp processes, the phases in order, everything killed at the end
/// (also when the run is cancelled). Progress goes to stderr; the caller prints the results.
/// </summary>
internal sealed class BenchRun(BenchSettings settings, HttpClient http)
{
    private const int SerialProbes = 100;
    private const int ResumeRounds = 40;
    private static readonly TimeSpan IdleRampUp = TimeSpan.FromSeconds(15);
    private readonly long _started = Stopwatch.GetTimestamp();

    public async Task<BenchResults> ExecuteAsync(CancellationToken cancellationToken = default)
    {
        var root = AzuriteLauncher.FindRepositoryRoot(AppContext.BaseDirectory) ?? AzuriteLauncher.FindRepositoryRoot(Environment.CurrentDirectory)
            ?? throw new InvalidOperationException("No package.json with Azurite above the bench; run it from the repository.");
        var loadBefore = LoadAverage();
        var dataDirectory = Path.Combine(settings.AzuriteDataParent, $"durablemcp-bench-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        var servers = new List<ServerProcess>();
        Process? azurite = null;
        try
        {
            var ports = AzuriteLauncher.FreePorts();
            Progress($"starting Azurite on {ports} (data in {dataDirectory})");
            // Not cancellable: a start cut off half-way would leave Azurite running with no one to kill it.
            azurite = await AzuriteLauncher.StartAsync(root, ports, dataDirectory, CancellationToken.None);
            ChildProcesses.Track(azurite);
            cancellationToken.ThrowIfCancellationRequested();
            var storage = AzuriteLauncher.ConnectionString(ports);

            Progress($"starting 3 front servers (worker off) and 1 idle worker: {ServerProcess.FunctionAppPath}");
            var latencyFront = Start(servers, "front (latency)", storage, "benchlatency", workerEnabled: false);
            var oneWorkerFront = Start(servers, "front (1 worker)", storage, "benchoneworker", workerEnabled: false);
            var twoWorkerFront = Start(servers, "front (2 workers)", storage, "benchtwoworkers", workerEnabled: false);
            var idleWorker = Start(servers, "idle worker", storage, "benchidle", workerEnabled: true);
            await Task.WhenAll(servers.Select(s => s.WaitHealthyAsync(http, cancellationToken)));

            Progress($"latency: {settings.WarmupCalls} warm-up rounds, then {settings.LatencyCalls} sequential creates, gets and tools/list");
            var latency = await LatencyPhase.RunAsync(latencyFront, azurite, http, settings, cancellationToken);
            await Stop(servers, latencyFront);

            // Its thousands of pending tasks would otherwise weigh on Azurite (one in-memory database, saved whole) in
            // every later phase.
            await DeleteTaskHubAsync(storage, "benchlatency", cancellationToken);

            Progress("resume: tasks/update -> working again, on a warm worker");
            var resumeWorker = Start(servers, "resume worker", storage, "benchresume", workerEnabled: true);
            await resumeWorker.WaitHealthyAsync(http, cancellationToken);
            var resume = await ResumePhase.RunAsync(resumeWorker, storage, http, ResumeRounds, cancellationToken);
            await Stop(servers, resumeWorker);

            // The idle worker's poll interval has backed off to its maximum by now (50 ms doubling to 10 s takes ~13 s).
            var idleUptime = Stopwatch.GetElapsedTime(idleWorker.StartedAt);
            if (idleUptime < IdleRampUp)
            {
                await Task.Delay(IdleRampUp - idleUptime, cancellationToken);
            }

            var idleBefore = await idleWorker.GetStorageOperationsAsync(http, cancellationToken);
            var idleFrom = Stopwatch.GetTimestamp();
            var raw = await RawStorageLoad.CreateAsync(storage, azurite, cancellationToken);

            Progress($"throughput: backlog of {settings.Backlog} run_steps({settings.StepsPerTask}), then 1 worker process, then the same storage work from the SDK");
            var one = await ThroughputPhase.RunAsync(oneWorkerFront, azurite, raw, storage, "benchoneworker", 1, http, settings, cancellationToken);
            Progress(Describe(one));
            await Stop(servers, oneWorkerFront);
            Progress($"throughput: backlog of {settings.Backlog} run_steps({settings.StepsPerTask}) on a fresh task hub, then 2 worker processes, then the SDK again");
            var two = await ThroughputPhase.RunAsync(twoWorkerFront, azurite, raw, storage, "benchtwoworkers", 2, http, settings, cancellationToken);
            Progress(Describe(two));

            var idleOperations = (await idleWorker.GetStorageOperationsAsync(http, cancellationToken)).Minus(idleBefore);
            var idleWindow = Stopwatch.GetElapsedTime(idleFrom);
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }

            servers.Clear();
            Progress($"raw Azurite, servers stopped: {SerialProbes} serial requests of each kind, then {settings.RawConcurrency} loops of a task's whole mix ({one.Mix}) for {settings.RawDuration.TotalSeconds} s");
            var serial = await raw.MeasureSerialLatencyAsync(SerialProbes, cancellationToken);
            var rawMix = await raw.MeasureMixAsync(one.Mix, settings.RawConcurrency, settings.RawDuration, cancellationToken);

            return new BenchResults
            {
                Settings = settings,
                LoadAverageBefore = loadBefore,
                AzuriteDataDirectory = dataDirectory,
                Latency = latency,
                Resume = resume,
                OneWorker = one,
                TwoWorkers = two,
                IdleWorkerOperationsPerMinute = idleOperations.Total / idleWindow.TotalMinutes,
                IdleWindow = idleWindow,
                IdleWorkerOperations = idleOperations,
                SerialLatency = serial,
                RawMix = rawMix,
            };
        }
        finally
        {
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }

            if (azurite is not null)
            {
                await ChildProcesses.KillAsync(azurite);
                azurite.Dispose();
            }

            TryDelete(dataDirectory);
            Progress("all child processes stopped");
        }
    }

    private static async Task Stop(List<ServerProcess> servers, ServerProcess server)
    {
        servers.Remove(server);
        await server.DisposeAsync();
    }

    private static ServerProcess Start(List<ServerProcess> servers, string name, string storage, string taskHub, bool workerEnabled)
    {
        var server = ServerProcess.Start(name, storage, taskHub, workerEnabled);
        servers.Add(server);
        return server;
    }

    private static async Task DeleteTaskHubAsync(string storage, string taskHub, CancellationToken cancellationToken)
    {
        await new Azure.Data.Tables.TableClient(storage, taskHub + "Instances").DeleteAsync(cancellationToken);
        await new Azure.Storage.Queues.QueueClient(storage, taskHub + "-work").DeleteIfExistsAsync(cancellationToken);
    }

    private static string Describe(ThroughputResult result) =>
        $"  {result.Workers} worker(s): {result.Completed}/{result.Tasks} completed, {result.SteadyTasksPerSecond:0.0} tasks/s steady, " +
        $"drained {result.DrainedSeconds:0.00} s after start; ops/task {result.OperationsPerTask:0.00}: {result.AllOperations.Describe(result.Tasks)}; " +
        $"completions per second: {string.Join(' ', result.CompletionsPerSecond)}; SDK drain right after: {result.RawDrain.TasksPerSecond:0.0} tasks/s";

    private void Progress(string message) =>
        Console.Error.WriteLine($"[{Stopwatch.GetElapsedTime(_started).TotalSeconds,6:0.0} s] {message}");

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

    private static void TryDelete(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"Could not delete {directory}: {e.Message}");
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"Could not delete {directory}: {e.Message}");
        }
    }
}
