using System.Text.Json;

namespace DurableMcp.Engine;

/// <summary>Per-wait options for <c>IOrchestrationContext.WaitForEventAsync</c>.</summary>
public sealed record WaitOptions
{
    /// <summary>Give up after this long (measured from <see cref="IOrchestrationContext.CurrentUtcDateTime"/>); null waits for ever.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>
    /// What the wait is for, published with the instance while it is outstanding (for example the question an
    /// external party should answer). Opaque to the engine.
    /// </summary>
    public JsonElement? Descriptor { get; init; }
}
