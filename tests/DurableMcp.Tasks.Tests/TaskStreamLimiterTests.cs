using DurableMcp.Tasks.Subscriptions;

namespace DurableMcp.Tasks.Tests;

public sealed class TaskStreamLimiterTests
{
    [Fact]
    public void TryAcquire_UpToTheLimitPerCaller_AReleaseFreesOneSlot()
    {
        var limiter = new TaskStreamLimiter();

        var first = limiter.TryAcquire("alice", 2);
        var second = limiter.TryAcquire("alice", 2);
        var third = limiter.TryAcquire("alice", 2);
        var bobs = limiter.TryAcquire("bob", 2);

        Assert.NotNull(first);
        Assert.NotNull(second);
        Assert.Null(third);
        Assert.NotNull(bobs);

        first.Dispose();
        first.Dispose(); // twice frees one slot only
        Assert.Equal(1, limiter.OpenStreams("alice"));
        using var again = limiter.TryAcquire("alice", 2);
        Assert.NotNull(again);
        Assert.Null(limiter.TryAcquire("alice", 2));

        second!.Dispose();
        bobs!.Dispose();
        Assert.Equal(0, limiter.OpenStreams("bob"));
    }

    [Fact]
    public void TryAcquire_AnonymousCallers_CountAsOne()
    {
        var limiter = new TaskStreamLimiter();

        using var first = limiter.TryAcquire(null, 1);

        Assert.NotNull(first);
        Assert.Null(limiter.TryAcquire(null, 1));
    }
}
