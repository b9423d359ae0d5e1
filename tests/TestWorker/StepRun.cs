namespace TestWorker;

/// <summary>One execution of a step body, as logged by the worker that ran it.</summary>
/// <param name="InstanceId">The instance the step belongs to.</param>
/// <param name="Step">The step index.</param>
/// <param name="ProcessId">The worker process that executed it.</param>
internal sealed record StepRun(string InstanceId, int Step, int ProcessId);
