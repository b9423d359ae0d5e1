namespace DurableMcp.Tools.Documents;

/// <summary>Input of <see cref="WriteClassifications"/>.</summary>
public sealed record WriteClassificationsInput(string TaskId, int Parts, string OutputName, IReadOnlyDictionary<string, string> Corrections);
