namespace DurableMcp.Tasks.Subscriptions;

/// <summary>Why the server ended a task stream on purpose (a client that goes away just ends it).</summary>
internal enum StreamEnd
{
    /// <summary>Every watched task is terminal, gone or expired: nothing more will be said.</summary>
    AllTerminal,

    /// <summary>The stream reached <c>McpTasks:MaxStreamDuration</c>, ahead of the platform's HTTP time limit.</summary>
    TimeLimit,

    /// <summary>The host is shutting down.</summary>
    ShuttingDown,
}
