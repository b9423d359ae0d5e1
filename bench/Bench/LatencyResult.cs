namespace DurableMcp.Bench;

/// <summary>The sequential round trips against the latency front server.</summary>
/// <param name="Create">tools/call run_steps answered with a CreateTaskResult, on the warmed-up server.</param>
/// <param name="FreshCreate">The first creates of the fresh server (the warm-up's), JIT and connection pools still warming.</param>
/// <param name="Get">tasks/get of those tasks.</param>
/// <param name="NoStorage">tools/list: the same HTTP and MCP path with no storage behind it.</param>
/// <param name="OperationsPerCreate">The server's storage requests per create.</param>
/// <param name="OperationsPerGet">The server's storage requests per tasks/get.</param>
/// <param name="OtherCores">Cores used meanwhile by processes that are not Azurite, the server or the bench, if known.</param>
internal sealed record LatencyResult(LatencyStats Create, LatencyStats? FreshCreate, LatencyStats Get, LatencyStats NoStorage, double OperationsPerCreate, double OperationsPerGet, double? OtherCores);
