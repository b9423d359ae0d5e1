namespace DurableMcp.Tools.Documents;

/// <summary>Input of <see cref="RunStep"/>: which step, and how long it waits.</summary>
public sealed record RunStepInput(int Index, int DelayMs);
