using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>
/// What the bench prints on stdout: the MCP layer against the raw client, each measurement next to its target (PASS /
/// MISS, not asserted), storage requests per task by kind, the polling settings table, and the retired engine's figures.
/// </summary>
internal static class ResultTable
{
    private const double CreateRatioTarget = 1.25;
    private const double GetExtraMsTarget = 1.5;
    private const double ResumeTargetMs = 250;
    private const double CompletionTargetMs = 150;
    private const double ThroughputShareTarget = 0.80;
    private const double OperationsRatioTarget = 1.10;

    /// <summary>The product's default <c>DurableTask:MaxQueuePollingInterval</c> (LocalDurableTaskOptions).</summary>
    private static readonly TimeSpan ProductDefaultInterval = TimeSpan.FromSeconds(1);

    public static void Print(BenchResults r, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(output);
        output.WriteLine("# Durable MCP tasks: the MCP layer against the raw DurableTaskClient, one Azurite");
        output.WriteLine();
        var quick = r.Settings.IsQuick ? " (--quick: few rounds, read the numbers as a smoke test)" : "";
        output.WriteLine(F($"{Environment.ProcessorCount} cores; 1-min load average before the run {Number(r.LoadAverageBefore, "0.00")}; run took {r.Elapsed.TotalMinutes:0.0} min{quick}. 'others' = cores that processes outside this run took meanwhile."));
        output.WriteLine("Every request to Azurite is counted at a loopback proxy in front of it, one per process; latencies are timed in the bench, loopback HTTP or gRPC included.");
        output.WriteLine();
        MarkdownTable.Write(output, ["Metric", "Through MCP", "Raw client", "MCP vs raw", "Target", "Result", "How"], MainRows(r));

        output.WriteLine("## Storage requests per 3-activity task, by kind");
        output.WriteLine();
        MarkdownTable.Write(output, ["Request", "Through MCP", "Raw client", "What"], OperationRows(r.Throughput));

        output.WriteLine("## maxQueuePollingInterval: resume latency and idle cost");
        output.WriteLine();
        MarkdownTable.Write(output, ["Setting", "Update -> working, at once p50", "Update -> working, after idle p50 / max", "Raw event from another process, after idle p50 / max", $"p50 <= {ResumeTargetMs:0} ms", "Idle server requests/min", "Per 30 days", "Idle requests"], PollingRows(r));
        foreach (var line in PollingRecommendation.Describe(r.Polling, ResumeTargetMs))
        {
            output.WriteLine(line);
        }

        output.WriteLine();
        output.WriteLine("## The retired engine's last figures (home-made engine, before the move to Durable Task; for the record)");
        output.WriteLine();
        foreach (var line in RetiredEngine.Figures)
        {
            output.WriteLine("- " + line);
        }
    }

    private static List<string[]> MainRows(BenchResults r)
    {
        var l = r.Latency;
        var c = r.Completion;
        var mcp = r.Throughput.Mcp;
        var raw = r.Throughput.Raw;
        var headline = r.Polling.FirstOrDefault(p => p.Interval == ProductDefaultInterval) ?? r.Polling[0];
        var idleDefault = headline;
        var rows = new List<string[]>
        {
            Row("tools/call -> CreateTaskResult p50 / p99", Ms(l.Create.Mcp), Ms(l.Create.Engine!), F($"{l.Create.Mcp.P50 / l.Create.Engine!.P50:0.00}x"),
                F($"MCP p50 <= {CreateRatioTarget}x raw"), Verdict(l.Create.Mcp.P50 <= CreateRatioTarget * l.Create.Engine.P50),
                F($"{l.Create.Mcp.Count} sequential calls each way after {r.Settings.WarmupRounds} warm-up rounds, rotated; raw = ScheduleNewOrchestrationInstanceAsync(\"run_steps\") from the bench process over gRPC to the server's own engine (its sidecar), as a Functions worker reaches the host: one process crossing each way, the same engine behind both, so the difference is the MCP layer; straight on Azurite (no counting proxy); server worker off; others {Number(l.OtherCores, "0.00")} cores")),
            Row("  raw with an engine of its own", "", Ms(l.Create.Raw), F($"{l.Create.Mcp.P50 / l.Create.Raw.P50:0.00}x"), "", "",
                "the same schedule from a client whose engine runs in the bench process (AddLocalDurableTask): no process crossing at all, which no remote client has; the MCP vs raw column charges that crossing to the layer"),
            Row("  where a create's time goes, p50", F($"refused {l.Breakdown.Refused.P50:0.00} ms"), F($"shaped {l.Breakdown.RawShaped.P50:0.00} / plain {l.Breakdown.RawPlain.P50:0.00} ms"), F($"{l.Breakdown.RawShaped.P50 - l.Breakdown.RawPlain.P50:+0.00;-0.00} ms"), "", "",
                F($"{l.Breakdown.Refused.Count} more rounds: the raw schedule (own engine) with the instance id and tags the layer gives a task (TaskIds.New, TaskTags) against the plain one (the MCP vs raw column: what the id and tags cost the engine); MCP: tools/call with invalid arguments, refused before any task (HTTP + MCP SDK + the task filter, no storage)")),
            Row("tasks/get p50 / p99", Ms(l.Get.Mcp), Ms(l.Get.Engine!), F($"{l.Get.Mcp.P50 - l.Get.Engine!.P50:+0.00;-0.00} ms"),
                F($"MCP p50 <= raw + {GetExtraMsTarget} ms"), Verdict(l.Get.Mcp.P50 <= l.Get.Engine.P50 + GetExtraMsTarget),
                "the tasks just created (pending); raw = GetInstanceAsync(id, getInputsAndOutputs: true), the read the layer makes, on the server's engine"),
            Row("  raw with an engine of its own", "", Ms(l.Get.Raw), F($"{l.Get.Mcp.P50 - l.Get.Raw.P50:+0.00;-0.00} ms"), "", "", "the same read from the bench process's own engine"),
            Row("Storage requests per create", F($"{l.CountedCreate.McpOperationsPerCall:0.00}"), F($"{l.CountedCreate.RawOperationsPerCall:0.00}"), Ratio(l.CountedCreate.McpOperationsPerCall, l.CountedCreate.RawOperationsPerCall), "", "",
                F($"{l.CountedCreate.Mcp.Count} counted creates each way on a second server; MCP: {l.CountedCreate.McpOperations.Describe(l.CountedCreate.Mcp.Count)}; raw: {l.CountedCreate.RawOperations.Describe(l.CountedCreate.Raw.Count)}")),
            Row("Storage requests per get", F($"{l.CountedGet.McpOperationsPerCall:0.00}"), F($"{l.CountedGet.RawOperationsPerCall:0.00}"), Ratio(l.CountedGet.McpOperationsPerCall, l.CountedGet.RawOperationsPerCall), "", "",
                F($"MCP: {l.CountedGet.McpOperations.Describe(l.CountedGet.Mcp.Count)}; raw: {l.CountedGet.RawOperations.Describe(l.CountedGet.Raw.Count)}")),
            Row("tools/call with identity on p50 / p99", Ms(r.OwnedCreate.Mcp), Ms(r.OwnedCreate.Raw), F($"{r.OwnedCreate.Mcp.P50 / r.OwnedCreate.Raw.P50:0.00}x"), "", "",
                F($"{r.OwnedCreate.Mcp.Count} creates each way by {OwnerPhase.Callers} callers with development tokens, each holding a few unfinished tasks: the per-caller limit (McpTasks:MaxUnfinishedTasksPerCaller) counts them on every create; storage requests per create {r.OwnedCreate.McpOperationsPerCall:0.00} against {r.OwnedCreate.RawOperationsPerCall:0.00} raw ({r.OwnedCreate.McpOperations.Describe(r.OwnedCreate.Mcp.Count)})")),
            Row("tools/list p50 / p99 (no storage)", Ms(l.NoStorage), "", "", "", "",
                "the same server, HTTP + MCP SDK + SSE alone: the floor under every MCP number above"),
            Row("The counting proxies' cost per create p50", F($"{l.CountedCreate.Mcp.P50 - l.Create.Mcp.P50:+0.00;-0.00} ms"), F($"{l.CountedCreate.Raw.P50 - l.Create.Raw.P50:+0.00;-0.00} ms"), "", "", "",
                F($"the instrument, why the timed rounds run without it: counted creates {Ms(l.CountedCreate.Mcp)} through MCP and {Ms(l.CountedCreate.Raw)} raw, against the timed ones above; the proxies run in the bench process, so the server crosses to another process for each of a create's storage requests and the raw client does not; the later phases count every request and pay this")),
            Row("Create -> completed, 1 activity, p50 / p99", Ms(c.Mcp), Ms(c.Raw), F($"{c.Mcp.P50 / c.Raw.P50:0.00}x"),
                F($"MCP p50 <= {CompletionTargetMs:0} ms"), Verdict(c.Mcp.P50 <= CompletionTargetMs),
                F($"{c.Mcp.Count} rounds each way on a warm host (worker on, default polling {PollingPhase.Seconds(ProductDefaultInterval)}): tools/call run_steps {{steps:1}} then tasks/get every 10-25 ms until completed; raw: schedule + GetInstanceAsync; the raw client is another process than the worker")),
            Row("tasks/update -> working again p50 / p99", Ms(idleDefault.McpAfterIdle), Ms(idleDefault.RawAfterIdle), "", F($"MCP p50 <= {ResumeTargetMs:0} ms"), Verdict(idleDefault.McpAfterIdle.P50 <= ResumeTargetMs),
                F($"maxQueuePollingInterval {PollingPhase.Seconds(headline.Interval)}; answered after the host went idle ({PollingPhase.Settle(headline.Interval).TotalSeconds:0} s); raw = RaiseEventAsync from the bench process; at once through MCP: {Ms(headline.McpAtOnce)}; every setting below")),
            Row("Completed 3-activity tasks/s", F($"{mcp.TasksPerSecond:0.0}"), F($"{raw.TasksPerSecond:0.0}"), Percent(mcp.TasksPerSecond / raw.TasksPerSecond),
                F($"MCP >= {ThroughputShareTarget:0%} of raw"), Verdict(mcp.TasksPerSecond >= ThroughputShareTarget * raw.TasksPerSecond),
                F($"{mcp.Batches} batch(es) of {r.Settings.ThroughputTasks} run_steps {{steps:3}} each way, {r.Settings.ThroughputCallers} concurrent callers (MCP: to a server with its worker off) while a worker process runs them, so both paths create from another process than the worker; first create to last completion; batches {string.Join(", ", r.Throughput.Runs.Select(b => F($"{b.Path} {b.TasksPerSecond:0.0}")))}; others {Number(mcp.OtherCores, "0.00")} / {Number(raw.OtherCores, "0.00")} cores")),
            Row("Storage requests per 3-activity task", F($"{mcp.OperationsPerTask:0.00}"), F($"{raw.OperationsPerTask:0.00}"), Ratio(mcp.OperationsPerTask, raw.OperationsPerTask),
                F($"MCP <= {OperationsRatioTarget}x raw"), Verdict(mcp.OperationsPerTask <= OperationsRatioTarget * raw.OperationsPerTask),
                "every request of the front door, the worker and the raw client from the first create until all completed (create + run + the worker's queue polls meanwhile); by kind below"),
            Row("  the same, queue receives left out", F($"{WithoutReceives(mcp.Operations) / mcp.Tasks:0.00}"), F($"{WithoutReceives(raw.Operations) / raw.Tasks:0.00}"),
                Ratio(WithoutReceives(mcp.Operations) / mcp.Tasks, WithoutReceives(raw.Operations) / raw.Tasks), "", "",
                "every write, read and delete; left out: queue receives (GET .../messages), which include the empty polls whose number follows the pollers' backoff, not the task"),
            Row("CPU per 3-activity task", F($"{mcp.ServerCpuMsPerTask:0.0} + {mcp.AzuriteCpuMsPerTask:0.0} ms"), F($"{raw.ServerCpuMsPerTask:0.0} + {raw.AzuriteCpuMsPerTask:0.0} ms"),
                Ratio(mcp.ServerCpuMsPerTask + mcp.AzuriteCpuMsPerTask, raw.ServerCpuMsPerTask + raw.AzuriteCpuMsPerTask), "", "",
                "server processes (front door + worker) + Azurite CPU time per task in the throughput batches (the raw client's own CPU, in the bench, not included)"),
            Row("Idle host storage requests/min", F($"{idleDefault.IdleOperationsPerMinute:0}"), F($"{idleDefault.RawClientIdleOperationsPerMinute:0}"), "", "", "",
                F($"maxQueuePollingInterval {PollingPhase.Seconds(headline.Interval)}, {headline.IdleWindow.TotalSeconds:0} s with no work after the pollers backed off; raw column: the bench's API-only client (WorkerEnabled=false); every setting below")),
        };
        return rows;
    }

    private static List<string[]> OperationRows(ThroughputResult t)
    {
        var mcp = t.Mcp;
        var raw = t.Raw;
        var kinds = mcp.Operations.ByKind.Keys.Union(raw.Operations.ByKind.Keys)
            .Where(k => mcp.Operations[k] != 0 || raw.Operations[k] != 0)
            .OrderByDescending(k => mcp.Operations[k] + raw.Operations[k]).ThenBy(k => k, StringComparer.Ordinal);
        var rows = kinds.Select(k => Row(k, F($"{mcp.Operations[k] / (double)mcp.Tasks:0.00}"), F($"{raw.Operations[k] / (double)raw.Tasks:0.00}"), StorageRequestMeaning.Of(k))).ToList();
        rows.Add(Row("total", F($"{mcp.OperationsPerTask:0.00}"), F($"{raw.OperationsPerTask:0.00}"), F($"{mcp.Tasks} and {raw.Tasks} tasks")));
        return rows;
    }

    private static List<string[]> PollingRows(BenchResults r) =>
        r.Polling.Select(p => Row(
            PollingPhase.Seconds(p.Interval) + (p.Interval == ProductDefaultInterval ? " (product default)" : ""),
            F($"{p.McpAtOnce.P50:0} ms"),
            F($"{p.McpAfterIdle.P50:0} / {p.McpAfterIdle.Max:0} ms"),
            F($"{p.RawAfterIdle.P50:0} / {p.RawAfterIdle.Max:0} ms"),
            F($"MCP {Verdict(p.McpAfterIdle.P50 <= ResumeTargetMs)}, raw {Verdict(p.RawAfterIdle.P50 <= ResumeTargetMs)}"),
            F($"{p.IdleOperationsPerMinute:0}"),
            F($"{p.IdleOperationsPerMinute * 60 * 24 * 30 / 1e6:0.00} M"),
            p.IdleOperations.Describe(p.IdleWindow.TotalMinutes) + F($" (per minute; API-only client: {p.RawClientIdleOperationsPerMinute:0})"))).ToList();

    private static string[] Row(params string[] cells) => cells;

    /// <summary>Requests that are not queue receives: the work itself, without the polls.</summary>
    private static double WithoutReceives(OperationCounts operations) =>
        operations.ByKind.Where(p => !(p.Key.StartsWith("queue GET ", StringComparison.Ordinal) && p.Key.EndsWith("/messages", StringComparison.Ordinal))).Sum(p => p.Value);

    private static string Ms(LatencyStats s) => F($"{s.P50:0.00} / {s.P99:0.00} ms");

    private static string Ratio(double mcp, double raw) => raw > 0 ? F($"{mcp / raw:0.00}x") : "-";

    private static string Verdict(bool met) => met ? "PASS" : "MISS";

    private static string Percent(double fraction) => F($"{fraction * 100:0}%");

    private static string Number(double? value, string format) => value is { } v && !double.IsNaN(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
