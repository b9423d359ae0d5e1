namespace DurableMcp.Bench;

/// <summary>One batch of 3-activity tasks, created through one path and run by the server's worker.</summary>
/// <param name="Path">"MCP" (tools/call) or "raw" (the raw client's schedule).</param>
/// <param name="Tasks">Tasks in the batch.</param>
/// <param name="CreateSeconds">From the first create to the last create answered.</param>
/// <param name="Seconds">From the first create to the last completion (the instances' own completion times).</param>
/// <param name="Operations">Storage requests of the server and the raw client from the first create until the observer saw the end.</param>
/// <param name="ServerCpuMsPerTask">The server process's CPU time per task.</param>
/// <param name="AzuriteCpuMsPerTask">Azurite's CPU time per task.</param>
/// <param name="OtherCores">Cores used meanwhile by processes that are not this run's, if known.</param>
internal sealed record ThroughputRun(
    string Path, int Tasks, double CreateSeconds, double Seconds, OperationCounts Operations, double ServerCpuMsPerTask, double AzuriteCpuMsPerTask, double? OtherCores)
{
    public double TasksPerSecond => Tasks / Seconds;

    public double OperationsPerTask => Operations.Total / (double)Tasks;
}
