namespace DurableMcp.Bench;

/// <summary>Everything one run measured, for the table.</summary>
internal sealed record BenchResults
{
    public required BenchSettings Settings { get; init; }

    /// <summary>The machine's 1-minute load average before the bench started anything (Linux), for context.</summary>
    public required double? LoadAverageBefore { get; init; }

    public required string AzuriteDataDirectory { get; init; }

    public required LatencyResult Latency { get; init; }

    public required ResumeResult Resume { get; init; }

    public required ThroughputResult OneWorker { get; init; }

    public required ThroughputResult TwoWorkers { get; init; }

    public required double IdleWorkerOperationsPerMinute { get; init; }

    public required TimeSpan IdleWindow { get; init; }

    public required OperationCounts IdleWorkerOperations { get; init; }

    /// <summary>p50 of single SDK requests to Azurite, one at a time, in milliseconds.</summary>
    public required (double Insert, double Put, double Get, double Merge) SerialLatency { get; init; }

    /// <summary>The 1-worker run's whole per-task mix (create and run) on parallel SDK loops.</summary>
    public required RawRate RawMix { get; init; }
}
