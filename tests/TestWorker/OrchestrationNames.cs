namespace TestWorker;

/// <summary>
/// The orchestrations the test worker registers. Linked into the test project too, because a client may only start
/// names it has registered itself.
/// </summary>
internal static class OrchestrationNames
{
    /// <summary>Input <c>{ steps, stepDelayMs, crashAtStep?, crashMode? }</c>: runs steps <c>step-0..n-1</c>, logging each execution.</summary>
    public const string Steps = "steps";

    /// <summary>Fails fast inside its first step on every attempt: a poison instance.</summary>
    public const string Crash = "crash";

    /// <summary>Input <c>{ payload, outputChars? }</c>: echoes the payload and adds a large deterministic filler.</summary>
    public const string Big = "big";

    /// <summary>Three no-op steps; the smallest real orchestration, for benchmarks.</summary>
    public const string Noop3 = "noop3";

    public static readonly IReadOnlyList<string> All = [Steps, Crash, Big, Noop3];
}
