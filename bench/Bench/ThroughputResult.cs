namespace DurableMcp.Bench;

/// <summary>The measured batches of the throughput phase, summed per path.</summary>
internal sealed record ThroughputResult(IReadOnlyList<ThroughputRun> Runs)
{
    public ThroughputTotals Mcp => Totals("MCP");

    public ThroughputTotals Raw => Totals("raw");

    private ThroughputTotals Totals(string path)
    {
        var runs = Runs.Where(r => r.Path == path).ToList();
        var tasks = runs.Sum(r => r.Tasks);
        return new ThroughputTotals(
            runs.Count,
            tasks,
            tasks / runs.Sum(r => r.Seconds),
            runs.Aggregate(OperationCounts.Empty, (sum, r) => sum.Plus(r.Operations)),
            runs.Sum(r => r.ServerCpuMsPerTask * r.Tasks) / tasks,
            runs.Sum(r => r.AzuriteCpuMsPerTask * r.Tasks) / tasks,
            runs.Select(r => r.OtherCores).OfType<double>().DefaultIfEmpty(double.NaN).Average());
    }
}
