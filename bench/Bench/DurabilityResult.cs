using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>
/// A durable tool against a plain single-process loop doing the same work, over rounds that alternate which goes first:
/// medians per side, and their ratio (the share of the plain loop's throughput the durable tool keeps).
/// </summary>
internal sealed record DurabilityResult(long Items, IReadOnlyList<DurabilityRound> Rounds)
{
    public double DurablePerSecond => Median(Rounds.Select(r => Items / r.Durable.Elapsed.TotalSeconds));

    public double PlainPerSecond => Median(Rounds.Select(r => Items / r.Plain.Elapsed.TotalSeconds));

    /// <summary>Median durable throughput over median plain throughput; 1 would be durability for free.</summary>
    public double Ratio => DurablePerSecond / PlainPerSecond;

    /// <summary>Median CPU seconds of server + bench + Azurite per side, per round.</summary>
    public (double Durable, double Plain) MedianCpuSeconds =>
        (Median(Rounds.Select(r => r.Durable.Cpu.Ours.TotalSeconds)), Median(Rounds.Select(r => r.Plain.Cpu.Ours.TotalSeconds)));

    /// <summary>The summary as progress lines: rates, the ratio, and where the CPU went on each side.</summary>
    /// <param name="bench">Where the progress lines go.</param>
    /// <param name="phase">The phase's name, first on each line.</param>
    /// <param name="unit">What the items are (rows, repositories).</param>
    /// <param name="durableName">The durable tool.</param>
    /// <param name="per">CPU is given per this many items (1,000 rows, 1 repository)...</param>
    /// <param name="perLabel">...named so ("1,000 rows", "repository").</param>
    public void Report(BenchContext bench, string phase, string unit, string durableName, int per, string perLabel)
    {
        ArgumentNullException.ThrowIfNull(bench);
        var (durableCpu, plainCpu) = MedianCpuSeconds;
        bench.Progress(string.Create(CultureInfo.InvariantCulture,
            $"{phase}: median of {Rounds.Count} round(s): {durableName} {DurablePerSecond:N1} {unit}/s, plain loop {PlainPerSecond:N1} {unit}/s: " +
            $"{durableName} keeps {Ratio:P0} of the plain loop's throughput (per-round ratios {string.Join(", ", Rounds.Select(r => (r.Plain.Elapsed / r.Durable.Elapsed).ToString("P0", CultureInfo.InvariantCulture)))})"));
        bench.Progress(string.Create(CultureInfo.InvariantCulture,
            $"{phase}: median CPU of server + bench + Azurite: durable {durableCpu:0.0} s, plain {plainCpu:0.0} s ({durableCpu / plainCpu:0.00}x); " +
            $"per {perLabel}: {durableCpu * per / Items:0.000} s against {plainCpu * per / Items:0.000} s"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
