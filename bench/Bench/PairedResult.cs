namespace DurableMcp.Bench;

/// <summary>One operation through MCP and through the raw client: latencies and the storage requests of all calls.</summary>
internal sealed record PairedResult(LatencyStats Mcp, LatencyStats Raw, OperationCounts McpOperations, OperationCounts RawOperations)
{
    public double McpOperationsPerCall => McpOperations.Total / (double)Mcp.Count;

    public double RawOperationsPerCall => RawOperations.Total / (double)Raw.Count;
}
