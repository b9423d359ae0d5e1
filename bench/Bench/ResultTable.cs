using System.Globalization;
using System.Text;

namespace DurableMcp.Bench;

/// <summary>The one table the bench prints: each measurement next to its target, with how it was taken.</summary>
internal static class ResultTable
{
    private const double CreateP50TargetMs = 10;
    private const double GetP50TargetMs = 5;
    private const double OperationsPerTaskTarget = 10;
    private const double LimitFractionTarget = 0.60;

    public static void Print(BenchResults r, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(output);
        var s = r.Settings;
        var l = r.Latency;
        var one = r.OneWorker;
        var two = r.TwoWorkers;
        var limit = r.RawMix.OperationsPerSecond / one.OperationsPerTask;
        var rows = new List<string[]>
        {
            Row("Machine", F($"{Environment.ProcessorCount} cores"), "", "",
                F($"1-min load average before the run {Number(r.LoadAverageBefore, "0.00")}; 'others' below = cores used meanwhile by processes that are not this run's; Azurite data in {r.AzuriteDataDirectory} (its queue fsyncs every message)")),
            Row("Task creation latency p50 / p99", F($"{l.Create.P50:0.00} / {l.Create.P99:0.00} ms"), "p50 <= 10 ms", Verdict(l.Create.P50 <= CreateP50TargetMs),
                F($"{l.Create.Count} sequential tools/call run_steps -> CreateTaskResult after {s.WarmupCalls} warm-up, bench HttpClient on loopback; front server with WorkerEnabled=false, so no background work competes; mean {l.Create.Mean:0.00} ms; {l.OperationsPerCreate:0.00} storage ops per create; others {Number(l.OtherCores, "0.00")} cores")),
            Row("Task creation on the fresh server p50 / p99", l.FreshCreate is { } fresh ? F($"{fresh.P50:0.00} / {fresh.P99:0.00} ms") : "-", "", "",
                F($"the first {l.FreshCreate?.Count ?? 0} creates after the server started (the warm-up's): JIT tiering, connection pools and Azurite still warming")),
            Row("tasks/get latency p50 / p99", F($"{l.Get.P50:0.00} / {l.Get.P99:0.00} ms"), "p50 <= 5 ms", Verdict(l.Get.P50 <= GetP50TargetMs),
                F($"{l.Get.Count} sequential on the same server, tasks 'working'; mean {l.Get.Mean:0.00} ms; {l.OperationsPerGet:0.00} storage ops per get")),
            Row("tasks/update -> working p50 / p99", F($"{r.Resume.Working.P50:0.00} / {r.Resume.Working.P99:0.00} ms"), "p50 <= 100 ms", Verdict(r.Resume.Working.P50 <= 100),
                F($"{r.Resume.Working.Count} answers (classify_documents review, declined) on a warm worker; first tasks/get after the answer that no longer reports input_required")),
            Row("tasks/update -> resumed on worker p50 / p99", F($"{r.Resume.Resumed.P50:0.00} / {r.Resume.Resumed.P99:0.00} ms"), "p50 <= 100 ms", Verdict(r.Resume.Resumed.P50 <= 100),
                "until the resumed run has written its next status (event raised, wake-up, dequeue, replay, checkpoint)"),
            Row("MCP round trip, no storage p50 / p99", F($"{l.NoStorage.P50:0.00} / {l.NoStorage.P99:0.00} ms"), "", "",
                F($"{l.NoStorage.Count} sequential tools/list on the same server (HTTP + MCP SDK + SSE only); p50 above it: create {l.Create.P50 - l.NoStorage.P50:0.00} ms, tasks/get {l.Get.P50 - l.NoStorage.P50:0.00} ms")),
            Row("Completed 3-step tasks/s, 1 worker", F($"{one.SteadyTasksPerSecond:0.0} tasks/s"), "", "", Throughput(one)),
            Row("Completed 3-step tasks/s, 2 workers", F($"{two.SteadyTasksPerSecond:0.0} tasks/s"), "", "", Throughput(two)),
            Row("Scale-out ratio 2 / 1 workers", F($"{two.SteadyTasksPerSecond / one.SteadyTasksPerSecond:0.00}x"), "", "",
                F($"{Environment.ProcessorCount} cores shared by Azurite (one node process), the worker processes and the bench")),
            Row("CPU per task in drain, 1 worker", Cpu(one.Cpu), "", "", CpuDetail(one.Cpu)),
            Row("CPU per task in drain, 2 workers", Cpu(two.Cpu), "", "", CpuDetail(two.Cpu)),
            Row("Storage ops per 3-step task", F($"{one.OperationsPerTask:0.00}"), "<= 10", Verdict(one.OperationsPerTask <= OperationsPerTaskTarget),
                F($"every HTTP request of the server processes, retries included: create {one.CreationOperations.Total / (double)one.Tasks:0.00} (front) + run {one.WorkerOperationsPerTask:0.00} (worker, from its start until drained) in the 1-worker run; 2-worker run {two.OperationsPerTask:0.00}")),
        };

        var kinds = one.AllOperations.ByKind.Keys.Union(two.AllOperations.ByKind.Keys)
            .Where(k => one.AllOperations[k] != 0 || two.AllOperations[k] != 0)
            .OrderByDescending(k => one.AllOperations[k]).ThenBy(k => k, StringComparer.Ordinal);
        foreach (var kind in kinds)
        {
            rows.Add(Row($"  {kind}", F($"{one.AllOperations[kind] / (double)one.Tasks:0.000}"), "", "",
                F($"per task; 2-worker run {two.AllOperations[kind] / (double)two.Tasks:0.000}")));
        }

        rows.AddRange(
        [
            Row("Idle worker storage ops/min", F($"{r.IdleWorkerOperationsPerMinute:0.0}"), "", "",
                F($"a separate worker on an empty task hub, {r.IdleWindow.TotalSeconds:0} s window once its poll backoff reached 10 s ({r.IdleWorkerOperations.Describe(1)}); not in the per-task counts, which stop at the drain")),
            Row("Azurite request p50, serial", F($"{r.SerialLatency.Insert:0.00} / {r.SerialLatency.Put:0.00} / {r.SerialLatency.Get:0.00} / {r.SerialLatency.Merge:0.00} ms"), "", "",
                "entity insert / message put / entity get / entity merge, 100 each one at a time from the bench (SDK): the floor under a create (insert + put) and a tasks/get (get)"),
            Row("Raw Azurite ops/s, full task mix", F($"{r.RawMix.OperationsPerSecond:0}"), "", "",
                F($"SDK from the bench, servers stopped, {s.RawConcurrency} loops (the worker's MaxConcurrentOrchestrations) of: {one.Mix} = {one.Mix.OperationsPerTask:0.00} ops, {s.RawDuration.TotalSeconds:0} s; CPU per task: Azurite {r.RawMix.AzuriteMsPerTask:0.0}, client {r.RawMix.ClientMsPerTask:0.0} ms; others {Number(r.RawMix.OtherCores, "0.00")} cores")),
            Row("Storage-bound task limit", F($"{limit:0.0} tasks/s"), "", "", F($"raw ops/s / {one.OperationsPerTask:0.00} storage ops per task")),
            Row("Throughput / limit, 1 worker", Percent(one.SteadyTasksPerSecond / limit), ">= 60%", Verdict(one.SteadyTasksPerSecond / limit >= LimitFractionTarget), "steady rate / storage-bound limit"),
            Row("Throughput / limit, 2 workers", Percent(two.SteadyTasksPerSecond / limit), ">= 60%", Verdict(two.SteadyTasksPerSecond / limit >= LimitFractionTarget), "steady rate / storage-bound limit"),
            Row("SDK drain after the 1-worker drain", F($"{one.RawDrain.TasksPerSecond:0.0} tasks/s"), "", "", RawDrain(one, s)),
            Row("Throughput / SDK drain, 1 worker", Percent(one.SteadyTasksPerSecond / one.RawDrain.TasksPerSecond), ">= 60%",
                Verdict(one.SteadyTasksPerSecond / one.RawDrain.TasksPerSecond >= LimitFractionTarget), "like-for-like: the same storage calls, same concurrency, measured seconds apart"),
            Row("SDK drain after the 2-worker drain", F($"{two.RawDrain.TasksPerSecond:0.0} tasks/s"), "", "", RawDrain(two, s)),
            Row("Throughput / SDK drain, 2 workers", Percent(two.SteadyTasksPerSecond / two.RawDrain.TasksPerSecond), "", "",
                "the same storage calls and concurrency, but two worker processes against one SDK process on the same cores: no target, the second process adds its own runtime and no core"),
        ]);

        Write(output, ["Metric", "Measured", "Target", "Result", "How / detail"], rows);
    }

    private static string Throughput(ThroughputResult t) =>
        F($"backlog of {t.Tasks} run_steps(steps=3) made with workers off, {t.Completed} completed; rate from the 20th-percentile to the last completion time (start-up and JIT warm-up left out); workers healthy {t.ReadySeconds:0.0} s, backlog drained {t.DrainedSeconds:0.0} s after their start; others {Number(t.Cpu.OtherCores, "0.00")} cores");

    private static string Cpu(DrainCpu cpu) => F($"Azurite {cpu.AzuriteMsPerTask:0.0} + workers {cpu.WorkersMsPerTask:0.0} ms");

    private static string CpuDetail(DrainCpu cpu) =>
        F($"process CPU time per completed task from workers healthy to drained ({cpu.Tasks} tasks, {cpu.WindowSeconds:0.0} s); machine busy {(cpu.MachineBusy is { } busy ? Percent(busy) : "n/a")} of {Environment.ProcessorCount} cores, others {Number(cpu.OtherCores, "0.00")} cores");

    private static string RawDrain(ThroughputResult t, BenchSettings s) =>
        F($"{t.RawDrain.OperationsPerSecond:0} ops/s: {s.Backlog} pre-made entities + messages, then {s.RawConcurrency} SDK loops of the workers' share ({t.Mix.DescribeDrain()}) = {t.Mix.DrainOperationsPerTask:0.00} ops/task, at most {s.RawDuration.TotalSeconds:0} s; CPU per task: Azurite {t.RawDrain.AzuriteMsPerTask:0.0}, client {t.RawDrain.ClientMsPerTask:0.0} ms; others {Number(t.RawDrain.OtherCores, "0.00")} cores");

    private static void Write(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = Enumerable.Range(0, header.Length - 1).Select(c => rows.Append(header).Max(r => r[c].Length)).ToArray();
        string Line(string[] cells)
        {
            var line = new StringBuilder("| ");
            for (var c = 0; c < widths.Length; c++)
            {
                line.Append(cells[c].PadRight(widths[c])).Append(" | ");
            }

            return line.Append(cells[^1]).Append(" |").ToString();
        }

        output.WriteLine(Line(header));
        output.WriteLine("|" + string.Join("|", widths.Select(w => new string('-', w + 2))) + "|---|");
        foreach (var row in rows)
        {
            output.WriteLine(Line(row));
        }
    }

    private static string[] Row(string metric, string measured, string target, string result, string detail) => [metric, measured, target, result, detail];

    private static string Verdict(bool met) => met ? "PASS" : "FAIL";

    private static string Percent(double fraction) => F($"{fraction * 100:0}%");

    private static string Number(double? value, string format) => value is { } v ? v.ToString(format, CultureInfo.InvariantCulture) : "n/a";

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
