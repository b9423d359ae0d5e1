namespace TestWorker;

/// <summary>The event names the waiting test orchestrations use; linked into the tests, which raise them.</summary>
internal static class WaitEvents
{
    /// <summary>What <see cref="OrchestrationNames.WaitEvent"/> waits for.</summary>
    public const string Approve = "approve";

    /// <summary>What <see cref="OrchestrationNames.StepThenWait"/> waits for between its two steps.</summary>
    public const string Go = "go";
}
