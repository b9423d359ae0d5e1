namespace DurableMcp.Bench;

/// <summary>Everything one run measured, for the tables.</summary>
internal sealed record BenchResults
{
    public required BenchSettings Settings { get; init; }

    /// <summary>The machine's 1-minute load average before the bench started anything (Linux), for context.</summary>
    public required double? LoadAverageBefore { get; init; }

    public required string AzuriteDataDirectory { get; init; }

    public required LatencyResult Latency { get; init; }

    /// <summary>tools/call by callers with identity (the per-caller limit applies) against the raw schedule.</summary>
    public required PairedResult OwnedCreate { get; init; }

    /// <summary>Create -> completed of a 1-activity task.</summary>
    public required PairedResult Completion { get; init; }

    public required ThroughputResult Throughput { get; init; }

    public required IReadOnlyList<PollingResult> Polling { get; init; }

    public required TimeSpan Elapsed { get; init; }
}
