using System.Text;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Outputs;

namespace DurableMcp.Tasks.Tests;

public sealed class TaskOutputUriTests
{
    private static readonly string TaskId = TaskIds.New("u-owner");

    [Fact]
    public void For_ThenTryParse_RoundTrips_WithAndWithoutOffset()
    {
        Assert.True(TaskOutputUri.TryParse(TaskOutputUri.For(TaskId, "parts/rejects.jsonl"), out var id, out var name, out var offset));
        Assert.Equal((TaskId, "parts/rejects.jsonl", (long?)null), (id, name, offset));

        Assert.True(TaskOutputUri.TryParse(TaskOutputUri.ForPage(TaskId, "summary.json", 4096), out id, out name, out offset));
        Assert.Equal((TaskId, "summary.json", (long?)4096), (id, name, offset));
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("task://not-a-task-id/summary.json")]
    [InlineData("task://{0}")]
    [InlineData("task://{0}/")]
    [InlineData("task://{0}/../other/summary.json")]
    [InlineData("task://{0}/a//b")]
    [InlineData("task://{0}/sp ace.json")]
    [InlineData("task://{0}/summary.json?offset=-1")]
    [InlineData("task://{0}/summary.json?page=2")]
    public void TryParse_AnythingElse_False(string template)
    {
        Assert.False(TaskOutputUri.TryParse(template.Replace("{0}", TaskId, StringComparison.Ordinal), out _, out _, out _));
    }

    [Fact]
    public void For_InvalidName_Throws()
    {
        Assert.Throws<ArgumentException>(() => TaskOutputUri.For(TaskId, "../x"));
    }

    [Theory]
    [InlineData("line 1\nline 2\npartial", "line 1\nline 2\n")]
    [InlineData("no line break at all", "no line break at all")]
    [InlineData("ends in a split é", "ends in a split ")]
    public void PageEnd_CutsAfterTheLastLineBreak_OrBeforeASplitCharacter(string text, string page)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (text.EndsWith('é'))
        {
            bytes = bytes[..^1]; // the page ends inside the two bytes of 'é'
        }

        Assert.Equal(page, Encoding.UTF8.GetString(bytes, 0, TaskOutputResource.PageEnd(bytes)));
    }
}
