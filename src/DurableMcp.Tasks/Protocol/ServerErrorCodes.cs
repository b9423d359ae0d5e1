namespace DurableMcp.Tasks.Protocol;

/// <summary>
/// The server-defined JSON-RPC error codes (the -32000..-32099 range) this server answers with, in one place so that no
/// code ever means two things. Each tells the caller what to do; the wire values are a contract (docs/protocol-walkthrough.md).
/// </summary>
public static class ServerErrorCodes
{
    /// <summary>
    /// Refused before the request was read: polling one task faster than its <c>pollIntervalMs</c> allows, or an
    /// HTTP-level refusal (405, 406, 415), as the MCP SDK answers its own 406. Fix the request or slow down.
    /// </summary>
    public const int Refused = -32000;

    /// <summary>The caller has the most unfinished tasks one caller may have (<c>McpTasks:MaxUnfinishedTasksPerCaller</c>).</summary>
    public const int TooManyTasks = -32003;

    /// <summary>2025-11-25 <c>tasks/result</c> of a task that was cancelled.</summary>
    public const int TaskCancelled = -32004;

    /// <summary>A held stream ended before its task did (shutdown, or <c>McpTasks:MaxStreamDuration</c>): call again.</summary>
    public const int StreamEnded = -32005;

    /// <summary>The caller holds the most open <c>subscriptions/listen</c> streams it may on this instance.</summary>
    public const int TooManyStreams = -32006;

    /// <summary>Task storage is unreachable: the request was fine, send it again after <c>Retry-After</c>.</summary>
    public const int StorageUnavailable = -32007;
}
