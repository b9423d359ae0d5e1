namespace DurableMcp.Bench;

/// <summary>CPU spent per completed task between the workers becoming healthy and the backlog draining.</summary>
/// <param name="WindowSeconds">Length of the window.</param>
/// <param name="Tasks">Tasks that completed inside it.</param>
/// <param name="AzuriteMsPerTask">Azurite's CPU time per task.</param>
/// <param name="WorkersMsPerTask">All worker processes' CPU time per task.</param>
/// <param name="MachineBusy">Share of all cores busy in the window (every process on the machine), if known.</param>
/// <param name="OtherCores">Cores used meanwhile by processes that are not Azurite, the workers or the bench, if known.</param>
internal sealed record DrainCpu(double WindowSeconds, int Tasks, double AzuriteMsPerTask, double WorkersMsPerTask, double? MachineBusy, double? OtherCores)
{
    public static DrainCpu Between(CpuSample from, CpuSample to, int tasks) => new(
        (to.At - from.At).TotalSeconds,
        tasks,
        tasks > 0 ? (to.Azurite - from.Azurite).TotalMilliseconds / tasks : double.NaN,
        tasks > 0 ? (to.Servers - from.Servers).TotalMilliseconds / tasks : double.NaN,
        CpuSample.MachineBusyFraction(from, to),
        CpuSample.OtherCores(from, to));
}
