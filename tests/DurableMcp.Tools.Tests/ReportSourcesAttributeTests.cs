using DurableMcp.Tools.Reports;

namespace DurableMcp.Tools.Tests;

/// <summary>The sources of <c>generate_report</c>, their shape checked before a task exists (storage is checked next): every problem named.</summary>
public sealed class ReportSourcesAttributeTests
{
    [Fact]
    public void Problems_GoodList_None() =>
        Assert.Empty(ReportSourcesAttribute.Problems([new ReportSource("a"), new ReportSource("b", "Orders load")]));

    [Theory]
    [InlineData(0)]
    [InlineData(51)]
    public void Problems_TooFewOrTooMany_Named(int count) =>
        Assert.Equal([$"'sources' must list 1 to 50 source tasks, each {{\"taskId\": \"...\"}}, not {count}."],
            ReportSourcesAttribute.Problems([.. Enumerable.Range(0, count).Select(i => new ReportSource($"t{i}"))]));

    [Fact]
    public void Problems_EveryKindOfMistake_EachNamedWithItsPosition()
    {
        var problems = ReportSourcesAttribute.Problems(
        [
            new ReportSource("a"),
            new ReportSource(),
            new ReportSource("  "),
            new ReportSource("b", new string('x', 201)),
            new ReportSource("c", "two\nlines"),
            new ReportSource("a", "again"),
        ]);

        Assert.Equal(
        [
            "sources[1]: 'taskId' is required: the id of a completed task whose outputs make this section.",
            "sources[2]: 'taskId' is required: the id of a completed task whose outputs make this section.",
            "sources[3]: 'title' must be 1 to 200 characters on one line.",
            "sources[4]: 'title' must be 1 to 200 characters on one line.",
            "sources[5] repeats sources[0] (task 'a'): each task makes one section.",
        ], problems);
    }
}
