namespace DurableMcp.Bench;

/// <summary>The create decomposed, from extra rounds after the timed creates.</summary>
/// <param name="RawPlain">The raw schedule as in the timed creates (an engine-made id, no tags).</param>
/// <param name="RawShaped">The raw schedule with the instance id and tags the layer gives a task (TaskIds, TaskTags).</param>
/// <param name="Refused">tools/call with invalid arguments: HTTP, the MCP SDK and the layer's task filter, no storage.</param>
internal sealed record CreateBreakdown(LatencyStats RawPlain, LatencyStats RawShaped, LatencyStats Refused);
