using ModelContextProtocol;

namespace DurableMcp.Tasks.Durable;

/// <summary>
/// Task storage (Durable Functions' task hub) did not answer: unreachable, failing, or slower than
/// <see cref="Hosting.DurableTasksOptions.StorageTimeout"/>. Transient: the request may be sent again after
/// <see cref="RetryAfter"/>. Thrown only by <see cref="StorageBoundary"/>. A protocol error, so the SDK answers it as
/// such wherever it is thrown (a tool call's filter included, which would otherwise turn it into an <c>isError</c>
/// result): the JSON-RPC error <see cref="Code"/> with <c>data.retryAfterMs</c>; hosts add HTTP 503 and <c>Retry-After</c>.
/// </summary>
public sealed class StorageUnavailableException : McpProtocolException
{
    /// <summary>
    /// The server-defined JSON-RPC error code. Not -32603 (internal error), which says the server is broken and to report
    /// it, while this one says the request is fine and to send it again; a client that sees no HTTP status (a 2025-11-25
    /// stream, already 200) can still tell the two apart.
    /// </summary>
    public const int Code = -32007;

    /// <summary>What the caller is told: what happened, that the request may be retried, and that tasks are safe.</summary>
    public const string CallerMessage =
        "Task storage is unavailable: the server cannot reach it right now. Retry in a few seconds; tasks keep their state and go on once storage is back.";

    /// <summary>How long a caller should wait before retrying (the <c>Retry-After</c> header, and <c>data.retryAfterMs</c>).</summary>
    public static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(5);

    public StorageUnavailableException()
        : this(CallerMessage, null)
    {
    }

    public StorageUnavailableException(string message)
        : this(message, null)
    {
    }

    public StorageUnavailableException(string message, Exception? innerException)
        : base(message, innerException!, (McpErrorCode)Code)
    {
        Data["retryAfterMs"] = (long)RetryAfter.TotalMilliseconds;
    }
}
