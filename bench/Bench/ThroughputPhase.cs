using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;

namespace DurableMcp.Bench;

/// <summary>
/// Completed 3-activity tasks per second and storage requests per task, through MCP against raw: a batch of
/// <c>run_steps {steps: 3}</c> created by a few concurrent callers (<c>tools/call</c> to a server with its worker off, or the
/// raw client's schedule) while a worker process runs them, timed from the first create to the last completion. Both
/// paths create from another process than the worker, so the engine treats them alike (a process that sends a message
/// wakes its own pollers; the worker sees other processes' work at its next poll) and the difference is the layer's.
/// Batches alternate raw, MCP, MCP, raw (so a drift of the machine's load over the phase falls on both alike), after a
/// warm-up batch each way, each batch on a task hub purged of the earlier ones. An observer (a third client, behind a
/// proxy of its own, so it is not counted) watches for the end with an instance query; nobody polls single tasks, so the
/// requests counted are exactly those of creating and running them, plus the worker's idle queue polls meanwhile.
/// </summary>
internal static class ThroughputPhase
{
    private const int Steps = 3;
    private const int WarmupBatches = 3;
    private static readonly TimeSpan ObserverInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(180);

    public static async Task<ThroughputResult> RunAsync(BenchContext bench, CancellationToken cancellationToken = default)
    {
        await using var tenant = await Tenant.StartAsync(bench, "front door (worker off)", "benchthroughput", workerEnabled: false, null, cancellationToken);
        await using var workerStorage = new StorageProxy("worker", bench.AzuritePorts, tenant.HubName);
        await using var worker = ServerProcess.Start("worker", workerStorage.ConnectionString, tenant.HubName, workerEnabled: true);
        await worker.WaitHealthyAsync(bench.Http, cancellationToken);
        var processes = new Processes(tenant, worker, workerStorage);
        await using var observerStorage = new StorageProxy("throughput observer", bench.AzuritePorts, tenant.HubName);
        await using var observer = await RawTaskHubClient.StartAsync(observerStorage.ConnectionString, tenant.HubName, cancellationToken);
        var settings = bench.Settings;
        // Fresh processes run their first few hundred tasks on unoptimized code (tier-0 JIT): server CPU per task falls
        // about fivefold over them. Timed batches start once both paths have run that many.
        for (var i = 0; i < WarmupBatches; i++)
        {
            await RunBatchAsync(bench, processes, observer.Client, viaMcp: false, settings.ThroughputTasks, cancellationToken);
            await RunBatchAsync(bench, processes, observer.Client, viaMcp: true, settings.ThroughputTasks, cancellationToken);
        }

        var runs = new List<ThroughputRun>();
        for (var round = 0; round < settings.ThroughputRounds; round++)
        {
            foreach (var viaMcp in round % 2 == 0 ? new[] { false, true } : [true, false])
            {
                var run = await RunBatchAsync(bench, processes, observer.Client, viaMcp, settings.ThroughputTasks, cancellationToken);
                bench.Progress($"  {run.Path}: {run.Tasks} tasks in {run.Seconds:0.00} s = {run.TasksPerSecond:0.0} tasks/s (created in {run.CreateSeconds:0.00} s), " +
                               $"{run.OperationsPerTask:0.00} storage requests and {run.ServerCpuMsPerTask:0} + {run.AzuriteCpuMsPerTask:0} ms CPU (server + Azurite) per task");
                runs.Add(run);
            }
        }

        return new ThroughputResult(runs);
    }

    /// <summary>The front door and raw client (the tenant), and the worker that runs what they create.</summary>
    private sealed record Processes(Tenant Tenant, ServerProcess Worker, StorageProxy WorkerStorage)
    {
        public OperationCounts StorageRequests() => Tenant.StorageRequests().Plus(WorkerStorage.Snapshot());

        public CpuSample Cpu(BenchContext bench) => bench.Cpu([Tenant.Server, Worker]);
    }

    private static async Task<ThroughputRun> RunBatchAsync(
        BenchContext bench, Processes processes, DurableTaskClient observer, bool viaMcp, int tasks, CancellationToken cancellationToken)
    {
        var tenant = processes.Tenant;
        // Every batch starts on the same task hub: the instances of earlier batches (and phases) purged, through the
        // observer's uncounted proxy. Azurite's table work grows with the tables, so otherwise later batches run slower.
        await observer.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow, [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]),
            cancellationToken);
        var mcp = new McpTaskClient(bench.Http, tenant.Server.McpEndpoint);
        var input = JsonSerializer.SerializeToElement(new JsonObject { ["steps"] = Steps });
        var ids = new ConcurrentBag<string>();
        var claimed = 0;

        var operationsBefore = processes.StorageRequests();
        var cpuBefore = processes.Cpu(bench);
        var started = DateTimeOffset.UtcNow;
        await Task.WhenAll(Enumerable.Range(0, bench.Settings.ThroughputCallers).Select(async _ =>
        {
            while (Interlocked.Increment(ref claimed) <= tasks)
            {
                ids.Add(viaMcp
                    ? await mcp.CallToolAsTaskAsync(LatencyPhase.Tool, new JsonObject { ["steps"] = Steps }, cancellationToken)
                    : await tenant.Raw.Client.ScheduleNewOrchestrationInstanceAsync(LatencyPhase.Tool, input, cancellationToken));
            }
        }));
        var created = DateTimeOffset.UtcNow;

        IReadOnlyList<OrchestrationMetadata> ended;
        while (true)
        {
            ended = await EndedSinceAsync(observer, started, cancellationToken);
            if (ended.Count(i => ids.Contains(i.InstanceId)) >= tasks)
            {
                break;
            }

            if (DateTimeOffset.UtcNow - started > Timeout)
            {
                throw processes.Worker.Failed($"did not finish {tasks} tasks within {Timeout.TotalSeconds} s ({ended.Count(i => ids.Contains(i.InstanceId))} ended)");
            }

            await Task.Delay(ObserverInterval, cancellationToken);
        }

        var cpuAfter = processes.Cpu(bench);
        var operations = processes.StorageRequests().Minus(operationsBefore);
        var mine = ended.Where(i => ids.Contains(i.InstanceId)).ToList();
        if (mine.Count != tasks || mine.FirstOrDefault(i => i.RuntimeStatus != OrchestrationRuntimeStatus.Completed) is { } odd)
        {
            throw new InvalidOperationException($"Of {tasks} tasks, {mine.Count} ended, not all Completed (e.g. {mine.FirstOrDefault(i => i.RuntimeStatus != OrchestrationRuntimeStatus.Completed)?.RuntimeStatus}).");
        }

        var lastCompleted = mine.Max(i => i.LastUpdatedAt);
        return new ThroughputRun(
            viaMcp ? "MCP" : "raw",
            tasks,
            (created - started).TotalSeconds,
            (lastCompleted - started).TotalSeconds,
            operations,
            (cpuAfter.Servers - cpuBefore.Servers).TotalMilliseconds / tasks,
            (cpuAfter.Azurite - cpuBefore.Azurite).TotalMilliseconds / tasks,
            CpuSample.OtherCores(cpuBefore, cpuAfter));
    }

    /// <summary>Instances created since <paramref name="since"/> that have ended (one query, no inputs or outputs).</summary>
    private static async Task<IReadOnlyList<OrchestrationMetadata>> EndedSinceAsync(DurableTaskClient observer, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            CreatedFrom = since.UtcDateTime,
            Statuses = [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated],
            FetchInputsAndOutputs = false,
            PageSize = 1000,
        };
        var ended = new List<OrchestrationMetadata>();
        await foreach (var instance in observer.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            ended.Add(instance);
        }

        return ended;
    }
}
