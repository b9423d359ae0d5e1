namespace DurableMcp.FunctionApp.Security;

/// <summary>The host's security log events; EventIds 3000-3099 are reserved for them and kept here.</summary>
internal static partial class SecurityLog
{
    [LoggerMessage(3000, LogLevel.Warning, "Refused a request from origin {Origin}")]
    public static partial void OriginRefused(ILogger logger, string origin);

    [LoggerMessage(3001, LogLevel.Warning, "Throttled polling of task {TaskId} by {Caller}")]
    public static partial void PollThrottled(ILogger logger, string taskId, string caller);

    [LoggerMessage(3002, LogLevel.Warning, "Identity mode {Mode}: tasks are not bound to callers. For local development only")]
    public static partial void AnonymousMode(ILogger logger, IdentityMode mode);
}
