using Microsoft.Extensions.Logging;

namespace DurableMcp.LocalHost.Logging;

/// <summary>The local host engine's log events; EventIds 5000-5099 are reserved for them and kept here.</summary>
internal static partial class LocalHostLog
{
    /// <summary>Storage did not answer when an activity ended; its outcome is held and retried until it does.</summary>
    [LoggerMessage(5000, LogLevel.Warning, "Storage unreachable: could not {Action} activity work item {WorkItemId} ({Reason}); retrying until storage answers")]
    public static partial void ActivityOutcomeRetrying(ILogger logger, string action, string workItemId, string reason);

    [LoggerMessage(5001, LogLevel.Information, "Storage answered again: activity work item {WorkItemId} could {Action} after {Attempts} attempts")]
    public static partial void ActivityOutcomeDelivered(ILogger logger, string action, string workItemId, int attempts);
}
