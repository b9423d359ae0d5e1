namespace DurableMcp.Bench;

/// <summary>The etl phase: the same rows loaded by run_etl (durable) and by a plain loop.</summary>
internal sealed record EtlResult(long Rows, TimeSpan Durable, TimeSpan Plain)
{
    public double DurableRowsPerSecond => Rows / Durable.TotalSeconds;

    public double PlainRowsPerSecond => Rows / Plain.TotalSeconds;
}
