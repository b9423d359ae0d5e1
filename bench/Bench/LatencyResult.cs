namespace DurableMcp.Bench;

/// <summary>The sequential round trips of the latency phase.</summary>
/// <param name="Create">tools/call -> CreateTaskResult against ScheduleNewOrchestrationInstanceAsync.</param>
/// <param name="Get">tasks/get against GetInstanceAsync with inputs and outputs.</param>
/// <param name="NoStorage">tools/list on the same server: HTTP, the MCP SDK and SSE with no storage behind.</param>
/// <param name="ProxiedGet">The raw client's GetInstanceAsync through its counting proxy.</param>
/// <param name="DirectGet">The same read by a client straight to Azurite: the difference is what the proxy adds per request.</param>
/// <param name="Breakdown">Where the create's extra time goes.</param>
/// <param name="OtherCores">Cores used meanwhile by processes that are not this run's, if known.</param>
internal sealed record LatencyResult(PairedResult Create, PairedResult Get, LatencyStats NoStorage, LatencyStats ProxiedGet, LatencyStats DirectGet, CreateBreakdown Breakdown, double? OtherCores);
