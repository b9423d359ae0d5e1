using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Subscriptions;
using static DurableMcp.Tasks.Tests.FakeTaskReader;

namespace DurableMcp.Tasks.Tests;

public sealed class TaskWatchTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task PollAsync_NothingWritten_OneStatusReadPerTaskAndNoFullRead()
    {
        var reader = new FakeTaskReader();
        var watch = WatchOf(reader, Run("a", TaskRunStatus.Running, T0), Run("b", TaskRunStatus.Running, T0));

        for (var i = 0; i < 3; i++)
        {
            Assert.Empty(await watch.PollAsync());
        }

        Assert.Equal(6, reader.VersionReads);
        Assert.Equal(0, reader.FullReads);
        Assert.Equal((6, 0), (watch.VersionReads, watch.FullReads));
    }

    [Fact]
    public async Task PollAsync_WrittenButLooksTheSame_ReadInFullOnceAndNotReported()
    {
        var reader = new FakeTaskReader();
        var watch = WatchOf(reader, Run("a", TaskRunStatus.Running, T0, "1 / 3"));

        reader.Set("a", Run("a", TaskRunStatus.Running, T0.AddSeconds(1), "1 / 3"));
        Assert.Empty(await watch.PollAsync());
        Assert.Empty(await watch.PollAsync());

        Assert.Equal(1, reader.FullReads);
        Assert.Equal(1, watch.Count);
    }

    [Fact]
    public async Task PollAsync_StatusMessageQuestionsAndEnd_EachReportedOnceInOrder_TerminalStopsWatching()
    {
        var reader = new FakeTaskReader();
        var watch = WatchOf(reader, Run("a", TaskRunStatus.Running, T0));

        reader.Set("a", Run("a", TaskRunStatus.Running, T0.AddSeconds(1), "asking"));
        var message = await watch.PollAsync();
        reader.Set("a", Run("a", TaskRunStatus.Running, T0.AddSeconds(2), "asking", null, "q1"));
        var asked = await watch.PollAsync();
        reader.Set("a", Run("a", TaskRunStatus.Running, T0.AddSeconds(3), "asking", null, "q2"));
        var askedAgain = await watch.PollAsync();
        reader.Set("a", Run("a", TaskRunStatus.Completed, T0.AddSeconds(4), "done"));
        var ended = await watch.PollAsync();

        Assert.Equal("asking", Assert.Single(message).StatusMessage);
        Assert.Equal(["q1"], Assert.Single(asked).InputRequests.Keys);
        Assert.Equal(["q2"], Assert.Single(askedAgain).InputRequests.Keys);
        Assert.Equal(TaskRunStatus.Completed, Assert.Single(ended).Status);
        Assert.Equal(0, watch.Count);
        Assert.Empty(await watch.PollAsync());
    }

    [Fact]
    public async Task PollAsync_VanishedOrExpired_DroppedSilently_ExpiredNotEvenRead()
    {
        var reader = new FakeTaskReader();
        var watch = WatchOf(reader, Run("gone", TaskRunStatus.Running, T0), Run("expired", TaskRunStatus.Running, T0, expiresAt: DateTimeOffset.UtcNow.AddMinutes(-1)));
        reader.Set("gone", null);

        Assert.Empty(await watch.PollAsync());

        Assert.Equal(0, watch.Count);
        Assert.Equal(1, reader.VersionReads);
    }

    [Fact]
    public void Add_TerminalTask_NotWatched()
    {
        var watch = new TaskWatch(new FakeTaskReader(), TimeProvider.System);

        watch.Add(Run("a", TaskRunStatus.Cancelled, T0));

        Assert.Equal(0, watch.Count);
    }

    [Fact]
    public void TaskView_QuestionsMakeItInputRequired_OrderOfKeysDoesNotMatter_TerminalHasNone()
    {
        var asking = TaskView.Of(Run("a", TaskRunStatus.Running, T0, "m", null, "k2", "k1"));
        var same = TaskView.Of(Run("a", TaskRunStatus.Running, T0.AddSeconds(5), "m", null, "k1", "k2"));
        var ended = TaskView.Of(Run("a", TaskRunStatus.Completed, T0, "m", null, "k1"));

        Assert.Equal("input_required", asking.Status);
        Assert.Equal(asking, same);
        Assert.Equal(("completed", ""), (ended.Status, ended.QuestionKeys));
    }

    private static TaskWatch WatchOf(FakeTaskReader reader, params TaskRecord[] tasks)
    {
        var watch = new TaskWatch(reader, TimeProvider.System);
        foreach (var task in tasks)
        {
            reader.Set(task.TaskId, task);
            watch.Add(task);
        }

        return watch;
    }
}
