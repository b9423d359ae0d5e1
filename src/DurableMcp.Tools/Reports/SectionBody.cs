namespace DurableMcp.Tools.Reports;

/// <summary>What a section renderer wrote: table rows, and the source's headline counts for the report's summary.</summary>
internal sealed record SectionBody(long Rows, IReadOnlyDictionary<string, long> Counts);
