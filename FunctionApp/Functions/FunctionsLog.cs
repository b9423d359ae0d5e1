namespace DurableMcp.FunctionApp.Functions;

/// <summary>Log events of the Functions-host integration; EventIds 3100-3149.</summary>
internal static partial class FunctionsLog
{
    [LoggerMessage(3100, LogLevel.Information, "Under the Functions host: app root {AppRoot}, queue trigger on {Queue} ({Connection}), invocation budget {Budget}, embedded worker {WorkerEnabled}")]
    public static partial void Started(ILogger logger, string appRoot, string queue, string connection, TimeSpan budget, bool workerEnabled);

    [LoggerMessage(3101, LogLevel.Warning, "Refused a {Function} invocation: {Reason}")]
    public static partial void BadInvocation(ILogger logger, string function, string reason);

    [LoggerMessage(3102, LogLevel.Information, "Timer invocation of {Function} (past due: {IsPastDue})")]
    public static partial void TimerInvoked(ILogger logger, string function, bool isPastDue);
}
