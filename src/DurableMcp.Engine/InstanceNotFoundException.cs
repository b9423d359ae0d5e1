namespace DurableMcp.Engine;

/// <summary>The instance does not exist (never did, expired, or was purged).</summary>
public sealed class InstanceNotFoundException(string instanceId) : Exception($"Instance '{instanceId}' does not exist.")
{
    /// <summary>The id that was not found.</summary>
    public string InstanceId { get; } = instanceId;
}
