namespace DurableMcp.Engine.Worker;

/// <summary>
/// This run must stop without writing anything more: the instance became terminal (for example cancelled),
/// was purged, or another run took its lease.
/// </summary>
internal sealed class OrchestrationAbortedException(string reason, OrchestrationStatus? terminalStatus)
    : OperationCanceledException(reason)
{
    /// <summary>The terminal status found, if that was the reason.</summary>
    public OrchestrationStatus? TerminalStatus { get; } = terminalStatus;
}
