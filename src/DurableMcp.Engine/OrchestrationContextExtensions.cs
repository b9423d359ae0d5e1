namespace DurableMcp.Engine;

/// <summary>Thin overloads of <see cref="IOrchestrationContext.StepAsync{T}"/>.</summary>
public static class OrchestrationContextExtensions
{
    /// <summary>Runs a step that returns nothing.</summary>
    public static Task StepAsync(this IOrchestrationContext context, string name, Func<CancellationToken, Task> step)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(step);
        return context.StepAsync(name, async cancellationToken =>
        {
            await step(cancellationToken);
            return true;
        });
    }

    /// <summary>Runs a synchronous step.</summary>
    public static Task<T> Step<T>(this IOrchestrationContext context, string name, Func<T> step)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(step);
        return context.StepAsync(name, _ => Task.FromResult(step()));
    }

    /// <summary>A durable delay of <paramref name="delay"/> from <see cref="IOrchestrationContext.CurrentUtcDateTime"/>.</summary>
    public static Task DelayAsync(this IOrchestrationContext context, TimeSpan delay)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CreateTimerAsync(context.CurrentUtcDateTime + delay);
    }

    /// <summary>Waits for an event and deserializes its payload; <c>default</c> when the wait timed out.</summary>
    public static async Task<(bool TimedOut, T? Payload)> WaitForEventAsync<T>(this IOrchestrationContext context, string name, TimeSpan? timeout = null, System.Text.Json.JsonSerializerOptions? serializerOptions = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var result = await context.WaitForEventAsync(name, new WaitOptions { Timeout = timeout });
        return result.TimedOut || result.Payload is not { } payload
            ? (result.TimedOut, default)
            : (false, System.Text.Json.JsonSerializer.Deserialize<T>(payload, serializerOptions ?? System.Text.Json.JsonSerializerOptions.Web));
    }
}
