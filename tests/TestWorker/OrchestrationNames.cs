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

    /// <summary>Fails fast before its first step on every attempt: a poison instance that never writes its row.</summary>
    public const string CrashBeforeAnyStep = "crash-before-any-step";

    /// <summary>Input <c>{ payload, outputChars? }</c>: echoes the payload and adds a large deterministic filler.</summary>
    public const string Big = "big";

    /// <summary>Three no-op steps; the smallest real orchestration, for benchmarks.</summary>
    public const string Noop3 = "noop3";

    /// <summary>
    /// Input <c>{ timeoutMs?, descriptor? }</c>: waits for <see cref="WaitEvents.Approve"/> (publishing the descriptor),
    /// then runs step 1; returns <c>{ timedOut, payload, stepAt }</c> (<c>stepAt</c>: the clock inside that step).
    /// </summary>
    public const string WaitEvent = "wait-event";

    /// <summary>Input <c>{ first?, second? }</c> (event names, "a" and "b" by default): waits for both at once; returns <c>{ first, second }</c> payloads.</summary>
    public const string TwoWaits = "two-waits";

    /// <summary>
    /// Input <c>{ delayMs }</c>: step 0, a durable delay, then step 1; returns <c>{ before, after, stepAt }</c>: the
    /// replay-safe time before and after the delay, and the clock inside step 1.
    /// </summary>
    public const string Timer = "timer";

    /// <summary>Step 0, a wait for <see cref="WaitEvents.Go"/>, then step 1; returns <c>{ payload }</c>.</summary>
    public const string StepThenWait = "step-then-wait";

    public static readonly IReadOnlyList<string> All = [Steps, Crash, CrashBeforeAnyStep, Big, Noop3, WaitEvent, TwoWaits, Timer, StepThenWait];
}
