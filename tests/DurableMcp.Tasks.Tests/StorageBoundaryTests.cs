using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Hosting;
using Grpc.Core;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DurableMcp.Tasks.Tests;

/// <summary>The storage boundary: engine and transport failures become the retryable error; answers and the caller's own cancellation stay what they are.</summary>
public sealed class StorageBoundaryTests
{
    private static readonly StorageBoundary Boundary = new(
        Options.Create(new DurableTasksOptions { StorageTimeout = TimeSpan.FromSeconds(1) }), TimeProvider.System, NullLogger<StorageBoundary>.Instance);

    [Theory]
    [InlineData(StatusCode.Unknown)]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.DeadlineExceeded)]
    public async Task RunAsync_EngineFailure_StorageUnavailable(StatusCode status)
    {
        var e = await Assert.ThrowsAsync<StorageUnavailableException>(() =>
            Boundary.RunAsync("read", "t1", _ => Task.FromException(new RpcException(new Status(status, "Exception was thrown by handler.")))));

        Assert.Equal(StorageUnavailableException.Code, (int)e.ErrorCode);
        Assert.Equal(5000L, e.Data["retryAfterMs"]);
    }

    [Fact]
    public async Task RunAsync_AnAnswerOfTheEngine_Unchanged()
    {
        await Assert.ThrowsAsync<RpcException>(() =>
            Boundary.RunAsync("raise event", "t1", _ => Task.FromException(new RpcException(new Status(StatusCode.NotFound, "No such instance.")))));
    }

    [Fact]
    public async Task RunAsync_StorageThatDoesNotAnswer_StorageUnavailableAfterTheTimeout()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Assert.ThrowsAsync<StorageUnavailableException>(() => Boundary.RunAsync("read", "t1", token => Task.Delay(Timeout.Infinite, token)));

        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RunAsync_CancelledByTheCaller_Cancellation()
    {
        using var caller = new CancellationTokenSource();
        await caller.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            Boundary.RunAsync("read", "t1", _ => Task.FromException(new RpcException(new Status(StatusCode.Cancelled, "Call canceled by the client."))), caller.Token));
    }
}
