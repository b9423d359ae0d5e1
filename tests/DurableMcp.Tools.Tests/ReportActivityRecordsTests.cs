using DurableMcp.Tools.Reports;

namespace DurableMcp.Tools.Tests;

/// <summary>
/// generate_report's activity inputs and outputs live in the orchestration history (Durable Functions' JSON converter):
/// a replay after an upgrade reads what an older build wrote, so each shape must come back unchanged.
/// </summary>
public sealed class ReportActivityRecordsTests
{
    private static readonly ReportSectionResult Rendered = new(0, "src-1", "run_etl", "Orders", 1200, new Dictionary<string, long> { ["rows"] = 1300, ["rejected"] = 1200 }, 456_789, 345_678);

    public static TheoryData<object> Records() =>
    [
        new RenderReportSectionInput("report-1", 0, "src-1", "Orders"),
        new RenderReportSectionInput("report-1", 1, "src-2", null),
        Rendered,
        Rendered with { Unavailable = "the task is no longer available: it has expired or was deleted.", Rows = 0 },
        ReportSectionResult.Failed(2, "src-3", "Task src-3", "failed 3 times, last: timeout"),
        new StitchReportInput("report-1", "Weekly", new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero), [Rendered]),
        new ReportSizes(21_000_000, 15_000_000),
        new DeleteReportPartsInput("report-1", 3),
    ];

    [Theory]
    [MemberData(nameof(Records))]
    public void ActivityRecord_ThroughTheDurableConverter_RoundTrips(object record) => DurableRecords.AssertRoundTrips(record);
}
