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
}
