namespace DurableMcp.Tasks.Durable;

/// <summary>Why a task failed: a JSON-RPC error code (when a tool raised a protocol error) and a message.</summary>
/// <param name="Code">The JSON-RPC error code, or null for a failure that is not a protocol error.</param>
/// <param name="Message">What went wrong.</param>
public sealed record TaskFailure(int? Code, string Message);
