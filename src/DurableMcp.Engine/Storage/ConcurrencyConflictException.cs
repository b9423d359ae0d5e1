namespace DurableMcp.Engine.Storage;

/// <summary>The row changed since it was read (HTTP 412); re-read and decide again.</summary>
internal sealed class ConcurrencyConflictException(string instanceId)
    : Exception($"Instance '{instanceId}' changed since it was read.");
