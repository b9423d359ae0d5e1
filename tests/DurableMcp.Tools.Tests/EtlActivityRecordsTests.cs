using System.Text.Json;
using DurableMcp.Tools.Etl;

namespace DurableMcp.Tools.Tests;

/// <summary>
/// run_etl's activity inputs and outputs live in the orchestration history (Durable Functions' JSON converter): a replay
/// after an upgrade reads what an older build wrote, so each shape must come back unchanged.
/// </summary>
public sealed class EtlActivityRecordsTests
{
    private static readonly EtlMapping Mapping = JsonSerializer.Deserialize<EtlMapping>(
        """{"columns":[{"name":"Id","from":"id","required":true},{"name":"N","type":"int"},{"name":"T","derive":"N * 2"}],"filter":[{"column":"N","op":"gt","value":1}],"partitionKey":"Id","rowKey":"Id"}""",
        new JsonSerializerOptions(JsonSerializerDefaults.Web))!;

    public static TheoryData<object> Records() =>
    [
        new ListEtlSourcesInput("src", "in/"),
        new EtlSourceList([new EtlSource("in/a.csv", "csv", 123)], 2),
        new ScanEtlFileInput("src", new EtlSource("in/a.csv", "csv", 123), 1000, ["id"]),
        new EtlFileScan("in/a.csv", 2000, ["id", "n"], [new EtlChunk("in/a.csv", "csv", 8, 900, 1, 1000, "\"0x1\"")], null),
        new LoadEtlChunkInput("task", 3, "src", "Orders", new EtlChunk("in/b.jsonl", "jsonl", 0, 50, 1, 2, "\"0x2\""), null, Mapping),
        new EtlChunkResult(10, 7, 2, 1),
        new FinishEtlInput("task", 4, new EtlSummary("Orders", "append", 1, 10, 7, 2, 1, 0, [new EtlSkippedFile("in/c.csv", "empty")], new Dictionary<string, string> { ["summary"] = "task://t/summary.json" }), [new EtlFileSummary("in/a.csv", 10, 1, 7, 2, 1)]),
        new EtlOutputSizes(100, 200),
    ];

    [Theory]
    [MemberData(nameof(Records))]
    public void ActivityRecord_ThroughTheDurableConverter_RoundTrips(object record) => DurableRecords.AssertRoundTrips(record);
}
