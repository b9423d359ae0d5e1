namespace DurableMcp.Tools.Documents;

/// <summary>Input of <see cref="ClassifyBatch"/>.</summary>
public sealed record ClassifyBatchInput(string TaskId, string Container, int Index, IReadOnlyList<string> Names, double ReviewBelow);
