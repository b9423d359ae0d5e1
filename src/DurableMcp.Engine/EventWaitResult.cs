using System.Text.Json;

namespace DurableMcp.Engine;

/// <summary>How a wait for an external event ended.</summary>
/// <param name="TimedOut">True when the timeout passed before the event arrived.</param>
/// <param name="Payload">The event's payload, when it arrived.</param>
public sealed record EventWaitResult(bool TimedOut, JsonElement? Payload);
