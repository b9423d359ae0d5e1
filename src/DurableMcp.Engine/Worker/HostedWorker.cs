using DurableMcp.Engine.Client;
using DurableMcp.Engine.Hosting;
using DurableMcp.Engine.Logging;
using DurableMcp.Engine.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableMcp.Engine.Worker;

/// <summary>
/// The worker side of the engine for a host that owns the work queue, such as the Azure Functions host with a queue
/// trigger on <see cref="DurableEngineOptions.WorkQueueName"/> and a timer trigger for the janitor. The host receives,
/// deletes, retries and poisons messages; this class runs one message within a time budget with the same runner and
/// rules as the embedded poller, and tells the host whether the invocation succeeded. Thread-safe; a singleton.
/// </summary>
public sealed class HostedWorker
{
    private const int JanitorBatchSize = 100;

    private readonly OrchestrationRunner _runner;
    private readonly DurableClient _client;
    private readonly PoisonQueue _poison;
    private readonly DurableEngineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<HostedWorker> _logger;

    internal HostedWorker(OrchestrationRunner runner, DurableClient client, PoisonQueue poison, IOptions<DurableEngineOptions> options, TimeProvider time, ILogger<HostedWorker> logger)
    {
        _runner = runner;
        _client = client;
        _poison = poison;
        _options = options.Value;
        _time = time;
        _logger = logger;
    }

    /// <summary>
    /// Runs the instance a delivered message names, as the embedded poller would, except that the host owns the message:
    /// it is never deleted or hidden here; a deferral queues a delayed copy; and when <paramref name="timeBudget"/> runs
    /// out (or <paramref name="cancellationToken"/> fires, as on shutdown) the run checkpoints, releases the instance and
    /// queues a continuation. Only <see cref="HostedWorkOutcome.Retry"/> means the invocation failed.
    /// </summary>
    /// <param name="message">The message the host delivered.</param>
    /// <param name="timeBudget">How long the run may go on before handing over to a continuation; keep it well inside the host's function timeout.</param>
    /// <param name="cancellationToken">Stops the run early, handing over the same way.</param>
    public async Task<HostedWorkOutcome> ProcessAsync(HostedWorkMessage message, TimeSpan timeBudget, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeBudget, TimeSpan.Zero);
        using var budget = new CancellationTokenSource(timeBudget, _time);
        using var stopping = cancellationToken.Register(static b => ((CancellationTokenSource)b!).Cancel(), budget);
        var item = new WorkItem(message.MessageId, "", message.Body.Trim(), message.DequeueCount, message.InsertedOn) { HostOwned = true };
        WorkOutcome outcome;
        try
        {
            outcome = await _runner.ProcessAsync(item, budget.Token);
        }
        catch (Exception e)
        {
            // Stopped before the run could hand the instance back (or failing while it did): let the host retry.
            EngineLog.HostedRunStopped(_logger, e, item.InstanceId);
            return HostedWorkOutcome.Retry;
        }

        var result = outcome switch
        {
            WorkOutcome.Finished => HostedWorkOutcome.Finished,
            WorkOutcome.Deferred when item.HandedOn => HostedWorkOutcome.Deferred,
            WorkOutcome.Abandoned when item.HandedOn => HostedWorkOutcome.Continued,
            _ => HostedWorkOutcome.Retry,
        };
        EngineLog.HostedMessageProcessed(_logger, item.InstanceId, message.DequeueCount, result);
        return result;
    }

    /// <summary>
    /// One janitor pass, for a host's timer: purges expired instances and re-queues stranded ones (as the embedded
    /// janitor does every <see cref="DurableEngineOptions.PurgeInterval"/>), and moves messages the host poisoned back into
    /// the work queue, so that the engine's attempt count, not the host's delivery count, decides when a task is poison.
    /// Works in bounded batches and stops between batches once <paramref name="timeBudget"/> has passed.
    /// </summary>
    public async Task<JanitorReport> RunJanitorAsync(TimeSpan timeBudget, CancellationToken cancellationToken = default)
    {
        var deadline = _time.GetUtcNow() + timeBudget;
        int purged = 0, batch;
        do
        {
            batch = await _client.PurgeExpiredAsync(JanitorBatchSize, cancellationToken);
            purged += batch;
        }
        while (batch == JanitorBatchSize && _time.GetUtcNow() < deadline);

        var requeued = _time.GetUtcNow() < deadline ? await _client.RequeueStrandedAsync(_options.LeaseDuration * 2, JanitorBatchSize, cancellationToken) : 0;
        var recovered = _time.GetUtcNow() < deadline ? await _poison.MoveBackAsync(JanitorBatchSize, cancellationToken) : [];
        foreach (var instanceId in recovered)
        {
            EngineLog.RecoveredFromPoison(_logger, instanceId);
        }

        var report = new JanitorReport(purged, requeued, recovered.Count, _time.GetUtcNow() < deadline);
        EngineLog.JanitorPass(_logger, report.Purged, report.Requeued, report.RecoveredFromPoison);
        return report;
    }
}
