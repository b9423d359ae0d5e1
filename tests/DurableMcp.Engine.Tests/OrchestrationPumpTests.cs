using DurableMcp.Engine.Worker;

namespace DurableMcp.Engine.Tests;

/// <summary>
/// The single-threaded context orchestration code runs on, without storage: it runs a body to its end, stops when the
/// body can only wait, and runs continuations one at a time, on itself, in the order they were posted.
/// </summary>
public sealed class OrchestrationPumpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task RunAsync_BodyAwaitsOnlyWorkThatCompletes_RunsItToTheEnd()
    {
        var pump = new OrchestrationPump();

        var task = await pump.RunAsync(
            async () =>
            {
                await Task.Yield();
                await Task.Delay(10);
                await Task.Run(() => Thread.Sleep(5));
                return 42;
            },
            isBlocked: () => false,
            CancellationToken.None).WaitAsync(Timeout);

        Assert.True(task.IsCompletedSuccessfully);
        Assert.Equal(42, await task);
    }

    [Fact]
    public async Task RunAsync_BodyThrowsBeforeItsFirstAwait_ReturnsAFaultedTask()
    {
        var pump = new OrchestrationPump();

        var task = await pump.RunAsync<int>(() => throw new InvalidOperationException("Broken."), () => false, CancellationToken.None).WaitAsync(Timeout);

        Assert.True(task.IsFaulted);
        Assert.Equal("Broken.", (await Assert.ThrowsAsync<InvalidOperationException>(() => task)).Message);
    }

    [Fact]
    public async Task RunAsync_BodyAwaitsARegisteredWaitThatNeverCompletes_ReturnsTheUnfinishedTaskAsBlocked()
    {
        var pump = new OrchestrationPump();
        var never = new TaskCompletionSource<int>();
        var waits = 0;
        var reachedWait = false;

        var task = await pump.RunAsync(
            async () =>
            {
                // Work that completes first: the pump must not judge the body blocked while it is in flight.
                await Task.Delay(20);
                waits++;
                reachedWait = true;
                return await never.Task;
            },
            isBlocked: () => waits > 0,
            CancellationToken.None).WaitAsync(Timeout);

        Assert.True(reachedWait);
        Assert.False(task.IsCompleted);
    }

    [Fact]
    public async Task RunAsync_NotBlockedAndNothingQueued_KeepsWaitingForContinuations_UntilCancelled()
    {
        var pump = new OrchestrationPump();
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        // The body never finishes but nothing says it is blocked (a step in flight, say): the pump waits, it does not return.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => pump.RunAsync(() => new TaskCompletionSource<int>().Task, () => false, cancellation.Token).WaitAsync(Timeout));
    }

    [Fact]
    public async Task RunAsync_ConcurrentBranches_ContinuationsRunOnThePumpOneAtATime()
    {
        const int Branches = 8;
        const int Hops = 10;
        var pump = new OrchestrationPump();
        var inside = 0;
        var maxInside = 0;
        var offPump = 0;
        var order = new List<(int Branch, int Hop)>();

        void Enter(int branch, int hop)
        {
            var now = Interlocked.Increment(ref inside);
            InterlockedMax(ref maxInside, now);
            if (SynchronizationContext.Current != pump)
            {
                Interlocked.Increment(ref offPump);
            }

            // Linger, so overlapping continuations would be caught overlapping.
            Thread.SpinWait(20_000);
            order.Add((branch, hop)); // not thread-safe on purpose: the pump serializes
            Interlocked.Decrement(ref inside);
        }

        async Task BranchAsync(int branch)
        {
            for (var hop = 0; hop < Hops; hop++)
            {
                Enter(branch, hop);

                // Completes on a thread-pool thread; the continuation is posted back to the pump.
                await Task.Run(() => Thread.SpinWait(1_000));
            }
        }

        var task = await pump.RunAsync(
            async () =>
            {
                await Task.WhenAll(Enumerable.Range(0, Branches).Select(BranchAsync));
                return order.Count;
            },
            () => false,
            CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(Branches * Hops, await task);
        Assert.Equal(1, maxInside);
        Assert.Equal(0, offPump);

        // Each branch went through its own hops in order.
        Assert.All(order.GroupBy(o => o.Branch), g => Assert.Equal(Enumerable.Range(0, Hops), g.Select(o => o.Hop)));
    }

    [Fact]
    public async Task RunAsync_PostedCallbacks_RunInTheOrderTheyWerePosted()
    {
        var pump = new OrchestrationPump();
        var seen = new List<int>();

        var task = await pump.RunAsync(
            () =>
            {
                for (var i = 0; i < 100; i++)
                {
                    var value = i;
                    SynchronizationContext.Current!.Post(_ => seen.Add(value), null);
                }

                var done = new TaskCompletionSource<int>();
                SynchronizationContext.Current!.Post(_ => done.SetResult(seen.Count), null);
                return done.Task;
            },
            () => false,
            CancellationToken.None).WaitAsync(Timeout);

        Assert.Equal(100, await task);
        Assert.Equal(Enumerable.Range(0, 100), seen);
    }

    [Fact]
    public void Send_IsRejected_BecauseOrchestrationCodeCannotBlockOnItsOwnContext()
    {
        var pump = new OrchestrationPump();

        Assert.Throws<NotSupportedException>(() => pump.Send(_ => { }, null));
        Assert.Same(pump, pump.CreateCopy());
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
