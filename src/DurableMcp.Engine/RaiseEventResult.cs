namespace DurableMcp.Engine;

/// <summary>What <c>DurableClient.RaiseEventAsync</c> did.</summary>
public enum RaiseEventResult
{
    /// <summary>Recorded durably; the instance will see it when it waits for that name (or already does).</summary>
    Accepted,

    /// <summary>An event with the same key was recorded before; nothing changed.</summary>
    Duplicate,

    /// <summary>No such instance (or it expired).</summary>
    InstanceNotFound,

    /// <summary>The instance has ended; the event was not recorded.</summary>
    InstanceTerminal,
}
