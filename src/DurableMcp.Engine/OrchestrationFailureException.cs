namespace DurableMcp.Engine;

/// <summary>
/// Thrown by an orchestration to fail with exact <see cref="FailureDetails"/> (for example a protocol error
/// the layer above wants to report verbatim).
/// </summary>
public sealed class OrchestrationFailureException(FailureDetails details) : Exception(details.Message)
{
    /// <summary>What to record as the failure.</summary>
    public FailureDetails Details { get; } = details;
}
