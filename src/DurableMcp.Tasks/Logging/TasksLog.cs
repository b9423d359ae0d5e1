using DurableMcp.Tasks.Durable;
using Microsoft.Extensions.Logging;

namespace DurableMcp.Tasks.Logging;

/// <summary>
/// The task layer's audit events, each with the caller's owner id (null for anonymous callers); EventIds 2000-2099
/// are reserved for it and kept here.
/// </summary>
internal static partial class TasksLog
{
    [LoggerMessage(2000, LogLevel.Information, "Tool {Tool} started as task {TaskId} for {Owner}")]
    public static partial void TaskCreated(ILogger logger, string tool, string taskId, string? owner);

    [LoggerMessage(2001, LogLevel.Information, "Tool {Tool} runs inline as {TaskId} for {Owner} (the client did not ask for a task)")]
    public static partial void RunningInline(ILogger logger, string tool, string taskId, string? owner);

    [LoggerMessage(2002, LogLevel.Information, "Task {TaskId} cancelled by {Owner}")]
    public static partial void TaskCancelled(ILogger logger, string taskId, string? owner);

    [LoggerMessage(2003, LogLevel.Information, "Task {TaskId} received {Count} answers from {Owner}")]
    public static partial void TaskAnswered(ILogger logger, string taskId, int count, string? owner);

    /// <summary>The outcome of an ended task was handed out. (Polls of an unfinished task are <see cref="TaskPolled"/>.)</summary>
    [LoggerMessage(2004, LogLevel.Information, "Task {TaskId} ({Status}) retrieved by {Owner}")]
    public static partial void TaskRetrieved(ILogger logger, string taskId, TaskRunStatus status, string? owner);

    /// <summary>A poll of an unfinished task: Debug, because clients poll every few seconds for as long as a task runs.</summary>
    [LoggerMessage(2009, LogLevel.Debug, "Task {TaskId} ({Status}) polled by {Owner}")]
    public static partial void TaskPolled(ILogger logger, string taskId, TaskRunStatus status, string? owner);

    [LoggerMessage(2005, LogLevel.Warning, "Refused a task for {Owner}: {Unfinished} unfinished tasks, the limit")]
    public static partial void TooManyTasks(ILogger logger, string owner, int unfinished);

    [LoggerMessage(2006, LogLevel.Information, "Task {TaskId}: a 2025-11-25 tasks/result stream opened by {Owner}")]
    public static partial void ResultStreamOpened(ILogger logger, string taskId, string? owner);

    [LoggerMessage(2007, LogLevel.Debug, "A tasks/result stream ended: the client disconnected")]
    public static partial void ResultStreamClosed(ILogger logger);

    [LoggerMessage(2008, LogLevel.Warning, "Throttled 2025-11-25 polling of task {TaskId} by {Owner}")]
    public static partial void PollThrottled(ILogger logger, string taskId, string? owner);

    [LoggerMessage(2010, LogLevel.Information, "Purged {Count} expired tasks")]
    public static partial void ExpiredPurged(ILogger logger, int count);

    /// <summary>tasks/update acknowledged before the orchestration took the answers (a busy worker): they are recorded, a poll may list them a while longer.</summary>
    [LoggerMessage(2011, LogLevel.Warning, "Task {TaskId}: answers acknowledged before the run took them (waited {WaitMs} ms)")]
    public static partial void AnswersNotYetTaken(ILogger logger, string taskId, long waitMs);

    [LoggerMessage(2012, LogLevel.Information, "Tool {Tool} run {TaskId} asked its first questions through MRTR for {Owner}; it becomes a task once they are answered")]
    public static partial void AskingBeforeTask(ILogger logger, string tool, string taskId, string? owner);

    [LoggerMessage(2013, LogLevel.Information, "Task stream {SubscriptionId} opened by {Owner}: watching {Granted} of {Requested} task ids asked for")]
    public static partial void TaskStreamOpened(ILogger logger, string subscriptionId, int granted, int requested, string? owner);

    /// <summary>The server ended a task stream on purpose, with what it cost: status reads and full reads of Durable Functions.</summary>
    [LoggerMessage(2014, LogLevel.Information, "Task stream {SubscriptionId} ended ({Reason}) after {DurationMs} ms: {Tasks} tasks, {VersionReads} status reads, {FullReads} full reads")]
    public static partial void TaskStreamEnded(ILogger logger, string subscriptionId, Subscriptions.StreamEnd reason, long durationMs, int tasks, int versionReads, int fullReads);

    [LoggerMessage(2015, LogLevel.Information, "Task stream {SubscriptionId} closed by the client after {DurationMs} ms: {Tasks} tasks, {VersionReads} status reads, {FullReads} full reads")]
    public static partial void TaskStreamClosed(ILogger logger, string subscriptionId, long durationMs, int tasks, int versionReads, int fullReads);

    [LoggerMessage(2016, LogLevel.Warning, "Refused a task stream for {Owner}: {Limit} open streams, the limit")]
    public static partial void TooManyStreams(ILogger logger, string? owner, int limit);

    /// <summary>A call to task storage failed or timed out; the caller got the retryable "storage unavailable" error (HTTP 503).</summary>
    [LoggerMessage(2020, LogLevel.Warning, "Task storage unavailable: {Operation} of {TaskId} failed after {ElapsedMs} ms; the caller was told to retry")]
    public static partial void StorageUnavailable(ILogger logger, string operation, string? taskId, long elapsedMs, Exception exception);

    // 2030-2039: task outputs (resources/read of task://).
    [LoggerMessage(2030, LogLevel.Information, "Deleted {Count} output file(s) of purged task {TaskId}")]
    public static partial void OutputsDeleted(ILogger logger, string taskId, int count);

    [LoggerMessage(2031, LogLevel.Information, "Output {Name} of task {TaskId} read by {Owner} ({Bytes} bytes from offset {Offset})")]
    public static partial void OutputRead(ILogger logger, string taskId, string name, string? owner, int bytes, long offset);

    [LoggerMessage(2032, LogLevel.Information, "Read of {Uri} refused to {Owner}: {Reason}")]
    public static partial void OutputRefused(ILogger logger, string uri, string? owner, string reason);
}

