namespace DurableMcp.Bench;

/// <summary>One round of a durability comparison: the same work done by the durable tool and by a plain loop.</summary>
internal sealed record DurabilityRound(int Number, bool DurableFirst, SideRun Durable, SideRun Plain);
