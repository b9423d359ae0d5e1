using DurableMcp.Tools.Repositories;

namespace DurableMcp.Tools.Tests;

/// <summary>
/// evaluate_repositories' activity inputs and outputs live in the orchestration history (Durable Functions' JSON
/// converter): a replay after an upgrade reads what an older build wrote, so each shape must come back unchanged.
/// </summary>
public sealed class RepositoryActivityRecordsTests
{
    private static readonly RepositoryChecks Checks = new(12, 340, [new LanguageLines("C#", 3, 300), new LanguageLines("Shell", 1, 40)], 2,
        ["github-actions"], "LICENSE", "README.md", ["src/App.csproj"], ["App.sln"], 1, 2.94, 0);

    public static TheoryData<object> Records() =>
    [
        new EvaluateRepositoryInput(0, new RepositorySource(Url: "https://example.com/a.git")),
        new EvaluateRepositoryInput(1, new RepositorySource(Container: "bundles", Blob: "b.bundle")),
        new RepositoryEvaluation(0, "https://example.com/a.git", "0123abcd", 90, Checks, null),
        RepositoryEvaluation.Failed(1, "blob:bundles/b.bundle", "no blob"),
        new WriteRepositoryReportInput("task", [new RepositoryEvaluation(0, "https://example.com/a.git", "0123abcd", 90, Checks, null)]),
        new RepositoryReportSizes(100, 200),
    ];

    [Theory]
    [MemberData(nameof(Records))]
    public void ActivityRecord_ThroughTheDurableConverter_RoundTrips(object record) => DurableRecords.AssertRoundTrips(record);
}
