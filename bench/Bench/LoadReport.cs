using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>The load phase's report (Markdown on stdout): requests and latencies per method, errors by kind, how the tasks ended, and the server's footprint over time.</summary>
internal static class LoadReport
{
    public static void Print(LoadResult r, TextWriter output)
    {
        var requests = r.Latencies.Values.Sum(l => l.Count);
        var errors = r.Errors.Values.Sum();
        output.WriteLine(F($"# Sustained load: {r.Callers} callers for {r.Duration.TotalSeconds:0} s on one local host"));
        output.WriteLine();
        output.WriteLine(F($"{requests:N0} requests ({requests / r.Duration.TotalSeconds:0.0}/s), {errors:N0} errors. Each caller has its own development token and runs, in turn: a task polled to completion, a task that asks and is answered, a task cancelled while it works; it polls every 100 ms (the bench servers' poll interval)."));
        output.WriteLine();
        MarkdownTable.Write(output, ["Method", "Requests", "p50 ms", "p99 ms", "max ms", "Errors"], [.. r.Latencies.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => new[]
        {
            l.Key, F($"{l.Value.Count:N0}"), F($"{l.Value.P50:0.0}"), F($"{l.Value.P99:0.0}"), F($"{l.Value.Max:0}"),
            string.Join(", ", r.Errors.Where(e => e.Key.Method == l.Key).Select(e => F($"{e.Key.Kind}: {e.Value}"))) is { Length: > 0 } text ? text : "none",
        })]);

        var byOutcome = r.Outcomes.Values.GroupBy(v => v).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => F($"{g.Key} {g.Count():N0}"));
        var open = r.Outcomes.Values.Count(v => v == "created");
        output.WriteLine(F($"Tasks created: {r.Outcomes.Count:N0} ({string.Join(", ", byOutcome)}); drained in {r.Drain.TotalSeconds:0.0} s; **not terminal at the end: {open}**."));
        output.WriteLine();
        if (r.Surprises.Count > 0)
        {
            output.WriteLine(F($"Surprises ({r.Surprises.Count}; the first 10):"));
            foreach (var surprise in r.Surprises.Take(10))
            {
                output.WriteLine($"- {surprise}");
            }

            output.WriteLine();
        }

        PrintFootprint(r, output);
    }

    private static void PrintFootprint(LoadResult r, TextWriter output)
    {
        if (r.Footprint.Count == 0)
        {
            output.WriteLine("No footprint samples (/proc not readable here).");
            return;
        }

        var afterWarmUp = r.Footprint.FirstOrDefault(s => s.At >= r.WarmUp) ?? r.Footprint[^1];
        var steady = r.Footprint.Where(s => s.At >= afterWarmUp.At).ToList();
        var last = r.Footprint[^1];
        output.WriteLine(F($"The server's footprint, read every 5 s (warm-up: the first {r.WarmUp.TotalSeconds:0} s):"));
        output.WriteLine();
        MarkdownTable.Write(output, ["", "At", "Resident MB", "Threads", "Handles (fds)"],
        [
            Row("first sample", r.Footprint[0]),
            Row("after warm-up", afterWarmUp),
            Row("last", last),
            ["max after warm-up", "", F($"{steady.Max(s => s.ResidentMegabytes):0}"), F($"{steady.Max(s => s.Threads)}"), F($"{steady.Max(s => s.Handles)}")],
            ["last vs after warm-up", "", F($"{last.ResidentMegabytes - afterWarmUp.ResidentMegabytes:+0;-0;0}"), F($"{last.Threads - afterWarmUp.Threads:+0;-0;0}"), F($"{last.Handles - afterWarmUp.Handles:+0;-0;0}")],
        ]);
    }

    private static string[] Row(string name, ProcessFootprint s) =>
        [name, F($"{s.At.TotalSeconds:0} s"), F($"{s.ResidentMegabytes:0}"), F($"{s.Threads}"), F($"{s.Handles}")];

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
