namespace DurableMcp.FunctionApp.Functions;

/// <summary>Settings for running under the Azure Functions host (section <c>FunctionsHost</c>).</summary>
public sealed class FunctionsHostOptions
{
    public const string SectionName = "FunctionsHost";

    /// <summary>
    /// How long one queue-triggered invocation may run an orchestration before it checkpoints, releases the instance and
    /// queues a continuation. Default: host.json's <c>functionTimeout</c> less a margin (see <see cref="FunctionAppRoot.DefaultInvocationBudget"/>).
    /// Must be shorter than the function timeout, and longer than any single step.
    /// </summary>
    public TimeSpan? InvocationBudget { get; set; }
}
