namespace DurableMcp.Bench;

/// <summary>One side of a durability comparison, once: how long the work took and the CPU it used meanwhile.</summary>
internal sealed record SideRun(TimeSpan Elapsed, CpuUse Cpu);
