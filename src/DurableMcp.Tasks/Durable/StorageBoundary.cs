using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Logging;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableMcp.Tasks.Durable;

/// <summary>
/// Where the task layer's calls to Durable Functions fail, translated once. Both hosts reach the engine through a gRPC
/// <c>DurableTaskClient</c>, and the engine's storage failures arrive as <see cref="RpcException"/>s with no storage detail
/// (with storage down, <c>Unknown</c> "Exception was thrown by handler" after the storage client's own retries, about
/// 6 s). Those, and a call that takes longer than <see cref="DurableTasksOptions.StorageTimeout"/> (storage that
/// accepts connections but does not answer would hold a request for minutes), become
/// <see cref="StorageUnavailableException"/>. A call cancelled by the caller's own token surfaces as the cancellation it is.
/// </summary>
internal sealed class StorageBoundary(IOptions<DurableTasksOptions> options, TimeProvider time, ILogger<StorageBoundary> logger)
{
    /// <summary>Runs one call of <paramref name="operation"/> (on <paramref name="taskId"/>, when it has one) at the boundary.</summary>
    public async Task<T> RunAsync<T>(string operation, string? taskId, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(call);
        using var timeout = new CancellationTokenSource(options.Value.StorageTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var started = time.GetTimestamp();
        try
        {
            return await call(linked.Token);
        }
        catch (Exception e) when (e is not OperationCanceledException && cancellationToken.IsCancellationRequested)
        {
            // The gRPC client reports a call cancelled by its token as its own error (RpcException, Cancelled); callers
            // that poll with a deadline or stop on shutdown must see it as the cancellation it is.
            throw new OperationCanceledException($"{operation} was cancelled.", e, cancellationToken);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && (timeout.IsCancellationRequested || IsStorageFailure(e)))
        {
            TasksLog.StorageUnavailable(logger, operation, taskId, (long)time.GetElapsedTime(started).TotalMilliseconds, e);
            throw new StorageUnavailableException(StorageUnavailableException.CallerMessage, e);
        }
    }

    /// <summary><see cref="RunAsync{T}"/> for a call without a result.</summary>
    public Task RunAsync(string operation, string? taskId, Func<CancellationToken, Task> call, CancellationToken cancellationToken = default) =>
        RunAsync(operation, taskId, async token =>
        {
            await call(token);
            return true;
        }, cancellationToken);

    /// <summary>
    /// The engine (or the way to it) failed, rather than answering about the request: <c>NotFound</c>,
    /// <c>InvalidArgument</c>, <c>FailedPrecondition</c> and the like are answers, and stay what they are.
    /// </summary>
    private static bool IsStorageFailure(Exception exception) => exception switch
    {
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.Unknown or StatusCode.Internal
            or StatusCode.DeadlineExceeded or StatusCode.ResourceExhausted or StatusCode.Aborted or StatusCode.Cancelled,
        HttpRequestException or TimeoutException or IOException => true,
        _ => false,
    };
}
