using System.Globalization;
using DurableMcp.Engine.Worker;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// The durable worker function: the host delivers one work message of the engine's queue per invocation. The message
/// belongs to the host: success (200) lets the host delete it; failure (500) makes the host retry it after its
/// visibility timeout and, after <c>maxDequeueCount</c> failures, move it to the poison queue (which the janitor drains
/// back, since the engine's attempt count decides when a task is poison).
/// </summary>
internal static class QueueTriggerFunction
{
    public static async Task<IResult> InvokeAsync(
        HttpContext context,
        HostedWorker worker,
        InvocationBudget budget,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        var request = await InvocationBodies.ReadAsync(context);
        var messageText = TriggerValues.AsString(request is null ? null : InvocationRequest.Find(request.Data, FunctionLayout.WorkerTriggerBinding));
        if (request is null || string.IsNullOrWhiteSpace(messageText))
        {
            var reason = $"the request has no Data.{FunctionLayout.WorkerTriggerBinding} queue message";
            FunctionsLog.BadInvocation(loggers.CreateLogger(typeof(QueueTriggerFunction)), FunctionLayout.WorkerFunction, reason);
            return InvocationBodies.Respond(StatusCodes.Status400BadRequest, reason);
        }

        var message = new HostedWorkMessage(
            TriggerValues.AsString(InvocationRequest.Find(request.Metadata, "Id")) ?? "",
            messageText,
            TriggerValues.AsInt64(InvocationRequest.Find(request.Metadata, "DequeueCount")) ?? 1)
        {
            InsertedOn = TriggerValues.AsDateTimeOffset(InvocationRequest.Find(request.Metadata, "InsertionTime")),
        };

        // The host aborting the request, or this process stopping, hands the instance over like a spent budget.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var outcome = await worker.ProcessAsync(message, budget.Value, stop.Token);
        var log = string.Create(CultureInfo.InvariantCulture, $"{message.Body} (delivery {message.DequeueCount}): {outcome}");
        return InvocationBodies.Respond(outcome == HostedWorkOutcome.Retry ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK, log);
    }
}
