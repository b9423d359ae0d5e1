namespace DurableMcp.Tools.Etl;

/// <summary>The sizes of the written outputs, for their resource links.</summary>
public sealed record EtlOutputSizes(long SummaryBytes, long RejectsBytes);
