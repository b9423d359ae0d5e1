namespace DurableMcp.Engine;

/// <summary>Why an orchestration (or one of its steps) failed.</summary>
/// <param name="ErrorType">The exception type name, or a code the layer above chose.</param>
/// <param name="Message">A message a person can act on.</param>
/// <param name="Data">Optional JSON the layer above attaches (for example a protocol error code).</param>
public sealed record FailureDetails(string ErrorType, string Message, string? Data = null)
{
    internal static FailureDetails FromException(Exception exception) => exception switch
    {
        OrchestrationFailureException failure => failure.Details,
        StepFailedException step => step.Details,
        _ => new FailureDetails(exception.GetType().Name, exception.Message),
    };
}
