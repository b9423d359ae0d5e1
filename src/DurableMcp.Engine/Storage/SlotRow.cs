namespace DurableMcp.Engine.Storage;

/// <summary>One of an owner's slot rows, as listed: which slot, the instance holding it, and the row's ETag.</summary>
internal sealed record SlotRow(int Slot, string Holder, string ETag);
