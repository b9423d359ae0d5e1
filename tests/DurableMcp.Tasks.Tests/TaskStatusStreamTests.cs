using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Subscriptions;
using static DurableMcp.Tasks.Tests.FakeTaskReader;

namespace DurableMcp.Tasks.Tests;

/// <summary>The stream's timing on real time with short intervals (tens of milliseconds): each test takes well under a second.</summary>
public sealed class TaskStatusStreamTests
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(10);
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task RunAsync_AllWatchedEnd_NotifiesEachChangeThenEnds()
    {
        var (reader, stream) = StreamOf(keepAlive: TimeSpan.FromMinutes(1), Run("a", TaskRunStatus.Running, T0), Run("b", TaskRunStatus.Running, T0));
        var notified = new List<TaskRecord>();
        reader.OnVersionRead = reads =>
        {
            // A few polls in, both runs end.
            if (reads == 4)
            {
                reader.Set("a", Run("a", TaskRunStatus.Completed, T0.AddSeconds(1)));
                reader.Set("b", Run("b", TaskRunStatus.Cancelled, T0.AddSeconds(1)));
            }
        };

        var end = await stream.RunAsync(
            (task, _) =>
            {
                notified.Add(task);
                return default;
            },
            _ => default,
            DateTimeOffset.UtcNow.AddSeconds(30),
            CancellationToken.None,
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StreamEnd.AllTerminal, end);
        Assert.Equal(["a", "b"], notified.Select(t => t.TaskId).Order());
        Assert.All(notified, t => Assert.True(t.Status.IsTerminal()));
    }

    [Fact]
    public async Task RunAsync_NothingChanges_KeepAlivesThenEndsAtTheDeadline()
    {
        var (_, stream) = StreamOf(keepAlive: TimeSpan.FromMilliseconds(30), Run("a", TaskRunStatus.Running, T0));
        var keepAlives = 0;
        var started = DateTimeOffset.UtcNow;

        var end = await stream.RunAsync(
            (_, _) => throw new InvalidOperationException("Nothing changed."),
            _ =>
            {
                keepAlives++;
                return default;
            },
            started.AddMilliseconds(300),
            CancellationToken.None,
            CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StreamEnd.TimeLimit, end);
        Assert.True(DateTimeOffset.UtcNow - started >= TimeSpan.FromMilliseconds(290), "Ended before its deadline.");
        Assert.InRange(keepAlives, 1, 10); // one per 30 ms of silence at most; fewer on a loaded machine
    }

    [Fact]
    public async Task RunAsync_HostStopping_EndsCleanly()
    {
        var (_, stream) = StreamOf(keepAlive: TimeSpan.FromMinutes(1), Run("a", TaskRunStatus.Running, T0));
        using var stopping = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        var end = await stream.RunAsync((_, _) => default, _ => default, DateTimeOffset.UtcNow.AddMinutes(1), stopping.Token, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(StreamEnd.ShuttingDown, end);
    }

    [Fact]
    public async Task RunAsync_ClientGone_ThrowsCancellation()
    {
        var (_, stream) = StreamOf(keepAlive: TimeSpan.FromMinutes(1), Run("a", TaskRunStatus.Running, T0));
        using var aborted = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            stream.RunAsync((_, _) => default, _ => default, DateTimeOffset.UtcNow.AddMinutes(1), CancellationToken.None, aborted.Token).WaitAsync(TimeSpan.FromSeconds(10)));
    }

    private static (FakeTaskReader Reader, TaskStatusStream Stream) StreamOf(TimeSpan keepAlive, params TaskRecord[] tasks)
    {
        var reader = new FakeTaskReader();
        var watch = new TaskWatch(reader, TimeProvider.System);
        foreach (var task in tasks)
        {
            reader.Set(task.TaskId, task);
            watch.Add(task);
        }

        return (reader, new TaskStatusStream(watch, Poll, keepAlive, TimeProvider.System));
    }
}
