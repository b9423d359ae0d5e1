using System.Globalization;
using System.Text.Json;
using DurableMcp.Engine.Worker;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// The janitor function: on the host's timer, purges expired tasks, re-queues stranded ones and moves poisoned work
/// messages back (see <see cref="HostedWorker.RunJanitorAsync"/>), within the invocation budget.
/// </summary>
internal static class TimerTriggerFunction
{
    public static async Task<IResult> InvokeAsync(
        HttpContext context,
        HostedWorker worker,
        InvocationBudget budget,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(TimerTriggerFunction));
        var request = await InvocationBodies.ReadAsync(context);
        if (request is null || InvocationRequest.Find(request.Data, FunctionLayout.JanitorTriggerBinding) is not { ValueKind: JsonValueKind.Object } timer)
        {
            var reason = $"the request has no Data.{FunctionLayout.JanitorTriggerBinding} timer";
            FunctionsLog.BadInvocation(logger, FunctionLayout.JanitorFunction, reason);
            return InvocationBodies.Respond(StatusCodes.Status400BadRequest, reason);
        }

        var pastDue = InvocationRequest.Find(timer.EnumerateObject().ToDictionary(p => p.Name, p => p.Value), "IsPastDue") is { ValueKind: JsonValueKind.True };
        FunctionsLog.TimerInvoked(logger, FunctionLayout.JanitorFunction, pastDue);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var report = await worker.RunJanitorAsync(budget.Value, stop.Token);
        return InvocationBodies.Respond(StatusCodes.Status200OK, string.Create(
            CultureInfo.InvariantCulture,
            $"purged {report.Purged}, requeued {report.Requeued}, recovered from poison {report.RecoveredFromPoison}{(report.Complete ? "" : " (budget spent; continues next time)")}"));
    }
}
