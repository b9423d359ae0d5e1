namespace DurableMcp.Tools.Reports;

/// <summary>The sizes of the written reports, for their resource links.</summary>
public sealed record ReportSizes(long HtmlBytes, long MarkdownBytes);
