namespace DurableMcp.Bench;

/// <summary>The sustained-load run: what the callers saw and the server's footprint over time.</summary>
internal sealed record LoadResult(
    int Callers,
    TimeSpan Duration,
    TimeSpan WarmUp,
    IReadOnlyDictionary<string, LatencyStats> Latencies,
    IReadOnlyDictionary<(string Method, string Kind), int> Errors,
    IReadOnlyDictionary<string, string> Outcomes,
    IReadOnlyList<string> Surprises,
    IReadOnlyList<ProcessFootprint> Footprint,
    TimeSpan Drain);
