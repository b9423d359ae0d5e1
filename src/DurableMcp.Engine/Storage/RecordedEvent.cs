namespace DurableMcp.Engine.Storage;

/// <summary>An external event recorded for an instance (payload inline or a blob reference).</summary>
internal sealed record RecordedEvent(string Key, string Name, string? Payload, DateTimeOffset RaisedAt);
