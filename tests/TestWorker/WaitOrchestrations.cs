using System.Text.Json;
using DurableMcp.Engine;
using Microsoft.Extensions.DependencyInjection;
using static TestWorker.TestOrchestrations;

namespace TestWorker;

/// <summary>
/// Orchestrations that wait for external events and timers, for the suspension tests. Steps log to the
/// <see cref="StepLog"/> so the tests can see that a step before a wait is not run again after it.
/// </summary>
internal static class WaitOrchestrations
{
    public static async Task<JsonElement?> WaitEventAsync(IOrchestrationContext context, JsonElement? input, IServiceProvider services)
    {
        var timeout = GetInt(input, "timeoutMs") is { } ms ? TimeSpan.FromMilliseconds(ms) : (TimeSpan?)null;
        JsonElement? descriptor = input is { ValueKind: JsonValueKind.Object } o && o.TryGetProperty("descriptor", out var d) ? d.Clone() : null;

        var result = await context.WaitForEventAsync(WaitEvents.Approve, new WaitOptions { Timeout = timeout, Descriptor = descriptor });
        var stepAt = await LoggedStepAsync(context, services, 1);
        return JsonSerializer.SerializeToElement(new { timedOut = result.TimedOut, payload = result.Payload, stepAt });
    }

    public static async Task<JsonElement?> TwoWaitsAsync(IOrchestrationContext context, JsonElement? input, IServiceProvider services)
    {
        // Both waits are outstanding at once; their results come back by operation, whatever order the events arrive in.
        var first = context.WaitForEventAsync(GetString(input, "first") ?? "a");
        var second = context.WaitForEventAsync(GetString(input, "second") ?? "b");
        await Task.WhenAll(first, second);
        return JsonSerializer.SerializeToElement(new { first = (await first).Payload, second = (await second).Payload });
    }

    public static async Task<JsonElement?> TimerAsync(IOrchestrationContext context, JsonElement? input, IServiceProvider services)
    {
        var delay = TimeSpan.FromMilliseconds(GetInt(input, "delayMs") ?? 1000);

        // A step first, so the delay counts from a moment the run is under way, not from the (maybe much earlier) creation.
        await LoggedStepAsync(context, services, 0);
        var before = context.CurrentUtcDateTime;
        await context.DelayAsync(delay);
        var after = context.CurrentUtcDateTime;
        var stepAt = await LoggedStepAsync(context, services, 1);
        return JsonSerializer.SerializeToElement(new { before, after, stepAt });
    }

    public static async Task<JsonElement?> StepThenWaitAsync(IOrchestrationContext context, JsonElement? input, IServiceProvider services)
    {
        await LoggedStepAsync(context, services, 0);
        var result = await context.WaitForEventAsync(WaitEvents.Go);
        await LoggedStepAsync(context, services, 1);
        return JsonSerializer.SerializeToElement(new { payload = result.Payload });
    }

    /// <summary>A step that logs its execution as <paramref name="index"/> and returns the clock it ran at.</summary>
    private static Task<DateTimeOffset> LoggedStepAsync(IOrchestrationContext context, IServiceProvider services, int index)
    {
        var log = services.GetRequiredService<StepLog>();
        return context.StepAsync($"step-{index}", async cancellationToken =>
        {
            await log.AppendAsync(context.InstanceId, index, cancellationToken);
            return DateTimeOffset.UtcNow;
        });
    }
}
