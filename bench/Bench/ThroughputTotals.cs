namespace DurableMcp.Bench;

/// <summary>One path's batches together: the rate over their summed durations and the requests per task over all tasks.</summary>
internal sealed record ThroughputTotals(
    int Batches, int Tasks, double TasksPerSecond, OperationCounts Operations, double ServerCpuMsPerTask, double AzuriteCpuMsPerTask, double OtherCores)
{
    public double OperationsPerTask => Operations.Total / (double)Tasks;
}
