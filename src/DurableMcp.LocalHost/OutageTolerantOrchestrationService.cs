using System.Runtime.ExceptionServices;
using Azure;
using DurableTask.Core;
using DurableMcp.LocalHost.Logging;
using Microsoft.Extensions.Logging;

namespace DurableMcp.LocalHost;

/// <summary>
/// The engine as the sidecar's dispatchers see it: DurableTask.AzureStorage unchanged, except that an activity's outcome
/// is not given up while storage is unreachable. DurableTask.AzureStorage forgets an activity work item only once its
/// completion or abandonment reached storage; when both fail (storage down as the activity ends) the item stays "in
/// progress" in memory for the life of the process, and every later delivery of its queue message is skipped as a
/// duplicate ("processed multiple times concurrently"): the task never moves again. So completion and abandonment of an
/// activity are retried here, with backoff, until storage answers (or refuses for good, or the host stops): the result
/// the activity produced is delivered once storage is back, and the activity is not run again.
/// </summary>
internal sealed class OutageTolerantOrchestrationService(IOrchestrationService inner, ILogger<OutageTolerantOrchestrationService> logger) : IOrchestrationService
{
    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromSeconds(2);
    private readonly CancellationTokenSource _stopping = new();

    public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) =>
        UntilStorageAnswersAsync(() => inner.CompleteTaskActivityWorkItemAsync(workItem, responseMessage), "complete", workItem);

    public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) =>
        UntilStorageAnswersAsync(() => inner.AbandonTaskActivityWorkItemAsync(workItem), "abandon", workItem);

    public Task StartAsync() => inner.StartAsync();

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        await inner.StopAsync();
    }

    public async Task StopAsync(bool isForced)
    {
        await _stopping.CancelAsync();
        await inner.StopAsync(isForced);
    }

    public Task CreateAsync() => inner.CreateAsync();

    public Task CreateAsync(bool recreateInstanceStore) => inner.CreateAsync(recreateInstanceStore);

    public Task CreateIfNotExistsAsync() => inner.CreateIfNotExistsAsync();

    public Task DeleteAsync() => inner.DeleteAsync();

    public Task DeleteAsync(bool deleteInstanceStore) => inner.DeleteAsync(deleteInstanceStore);

    public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => inner.IsMaxMessageCountExceeded(currentMessageCount, runtimeState);

    public int GetDelayInSecondsAfterOnProcessException(Exception exception) => inner.GetDelayInSecondsAfterOnProcessException(exception);

    public int GetDelayInSecondsAfterOnFetchException(Exception exception) => inner.GetDelayInSecondsAfterOnFetchException(exception);

    public int TaskOrchestrationDispatcherCount => inner.TaskOrchestrationDispatcherCount;

    public int MaxConcurrentTaskOrchestrationWorkItems => inner.MaxConcurrentTaskOrchestrationWorkItems;

    public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => inner.EventBehaviourForContinueAsNew;

    public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken);

    public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => inner.RenewTaskOrchestrationWorkItemLockAsync(workItem);

    public Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState) =>
        inner.CompleteTaskOrchestrationWorkItemAsync(workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);

    public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.AbandonTaskOrchestrationWorkItemAsync(workItem);

    public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => inner.ReleaseTaskOrchestrationWorkItemAsync(workItem);

    public int TaskActivityDispatcherCount => inner.TaskActivityDispatcherCount;

    public int MaxConcurrentTaskActivityWorkItems => inner.MaxConcurrentTaskActivityWorkItems;

    public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        inner.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken);

    public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem) => inner.RenewTaskActivityWorkItemLockAsync(workItem);

    private async Task UntilStorageAnswersAsync(Func<Task> operation, string action, TaskActivityWorkItem workItem)
    {
        var delay = FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await operation();
                if (attempt > 1)
                {
                    LocalHostLog.ActivityOutcomeDelivered(logger, action, workItem.Id, attempt);
                }

                return;
            }
            catch (Exception e) when (IsTransient(e) && !_stopping.IsCancellationRequested)
            {
                if (attempt == 1)
                {
                    LocalHostLog.ActivityOutcomeRetrying(logger, action, workItem.Id, e.GetBaseException().Message);
                }

                try
                {
                    await Task.Delay(delay, _stopping.Token);
                }
                catch (OperationCanceledException)
                {
                    // The host stops: the engine's own handling (the message reappears after its visibility timeout).
                    ExceptionDispatchInfo.Throw(e);
                }

                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestDelay.Ticks));
            }
        }
    }

    /// <summary>
    /// Storage did not answer (refused connections, timeouts, 5xx, throttling). A definite refusal (another 4xx: the
    /// message is gone or was taken over) is the engine's to handle, as before.
    /// </summary>
    private static bool IsTransient(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is RequestFailedException { Status: >= 400 and < 500 and not 408 and not 429 })
            {
                return false;
            }

            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(i => !IsTransient(i)))
            {
                return false;
            }
        }

        return true;
    }
}
