namespace DurableMcp.Bench;

/// <summary>
/// One operation through MCP and through the raw clients: latencies, and the storage requests of the MCP and bench-engine
/// calls. <paramref name="Engine"/>: the raw client on the server's own engine, when measured.
/// </summary>
internal sealed record PairedResult(LatencyStats Mcp, LatencyStats Raw, OperationCounts McpOperations, OperationCounts RawOperations, LatencyStats? Engine = null)
{
    public double McpOperationsPerCall => McpOperations.Total / (double)Mcp.Count;

    public double RawOperationsPerCall => RawOperations.Total / (double)Raw.Count;
}
