namespace DurableMcp.Engine;

/// <summary>
/// A step threw. The failure is journaled, so a replay throws the same exception again instead of
/// re-running the step.
/// </summary>
public sealed class StepFailedException(string stepName, FailureDetails details)
    : Exception($"Step '{stepName}' failed: {details.Message}")
{
    /// <summary>The step that failed.</summary>
    public string StepName { get; } = stepName;

    /// <summary>The recorded failure.</summary>
    public FailureDetails Details { get; } = details;
}
