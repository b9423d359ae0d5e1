namespace DurableMcp.Bench;

/// <summary>A raw Azurite measurement: items (a task's worth of requests) and requests per second, and the CPU behind them.</summary>
/// <param name="TasksPerSecond">Items per second.</param>
/// <param name="OperationsPerSecond">Storage requests per second.</param>
/// <param name="AzuriteMsPerTask">Azurite's CPU time per item.</param>
/// <param name="ClientMsPerTask">The bench's (the SDK client's) CPU time per item.</param>
/// <param name="OtherCores">Cores used meanwhile by processes that are not Azurite or the bench, if known.</param>
internal sealed record RawRate(double TasksPerSecond, double OperationsPerSecond, double AzuriteMsPerTask, double ClientMsPerTask, double? OtherCores)
{
    public static RawRate Between(CpuSample from, CpuSample to, double items, double operations)
    {
        var seconds = (to.At - from.At).TotalSeconds;
        return new RawRate(
            items / seconds,
            operations / seconds,
            items > 0 ? (to.Azurite - from.Azurite).TotalMilliseconds / items : double.NaN,
            items > 0 ? (to.Bench - from.Bench).TotalMilliseconds / items : double.NaN,
            CpuSample.OtherCores(from, to));
    }
}
