using System.Text.Json;

namespace DurableMcp.Engine;

/// <summary>Something an instance is waiting for: an external event (with a timeout, perhaps) or a timer.</summary>
/// <param name="EventName">The event name; null for a plain timer.</param>
/// <param name="Deadline">When the wait times out (or the timer fires); null for never.</param>
/// <param name="Descriptor">What the waiter published about it (see <see cref="WaitOptions.Descriptor"/>).</param>
public sealed record PendingWait(string? EventName, DateTimeOffset? Deadline, JsonElement? Descriptor);
