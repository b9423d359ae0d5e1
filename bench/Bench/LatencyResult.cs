namespace DurableMcp.Bench;

/// <summary>The sequential round trips of the latency phase.</summary>
/// <param name="Create">tools/call -> CreateTaskResult against ScheduleNewOrchestrationInstanceAsync, both straight on Azurite.</param>
/// <param name="Get">tasks/get against GetInstanceAsync with inputs and outputs, both straight on Azurite.</param>
/// <param name="CountedCreate">The same creates through the counting proxies: the storage requests of each, and their latency with the instrument in the way.</param>
/// <param name="CountedGet">The same gets through the counting proxies.</param>
/// <param name="NoStorage">tools/list on the same server: HTTP, the MCP SDK and SSE with no storage behind.</param>
/// <param name="Breakdown">Where the create's extra time goes.</param>
/// <param name="OtherCores">Cores used meanwhile by processes that are not this run's, if known.</param>
internal sealed record LatencyResult(
    PairedResult Create, PairedResult Get, PairedResult CountedCreate, PairedResult CountedGet, LatencyStats NoStorage, CreateBreakdown Breakdown, double? OtherCores);
