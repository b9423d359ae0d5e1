namespace DurableMcp.Bench;

/// <summary>Nearest-rank percentiles of request latencies, in milliseconds.</summary>
internal sealed record LatencyStats(int Count, double P50, double P99, double Mean, double Max)
{
    public static LatencyStats From(IReadOnlyCollection<double> milliseconds)
    {
        ArgumentOutOfRangeException.ThrowIfZero(milliseconds.Count);
        var sorted = milliseconds.Order().ToArray();
        return new LatencyStats(sorted.Length, Percentile(sorted, 0.50), Percentile(sorted, 0.99), sorted.Average(), sorted[^1]);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
