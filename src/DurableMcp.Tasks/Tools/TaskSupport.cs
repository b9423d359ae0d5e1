namespace DurableMcp.Tasks.Tools;

/// <summary>Whether a durable tool runs as an MCP task.</summary>
public enum TaskSupport
{
    /// <summary>Never: the call waits for the durable run and returns its result (for quick tools).</summary>
    Forbidden,

    /// <summary>As a task when the client supports tasks on the request; otherwise the call waits for the result.</summary>
    Optional,

    /// <summary>Only as a task; a client without task support gets a missing-capability error.</summary>
    Required,
}
