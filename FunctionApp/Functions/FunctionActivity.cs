using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>Runs a class-based activity from an activity trigger, as the Durable Task worker would.</summary>
internal static class FunctionActivity
{
    public static Task<TOutput> RunAsync<TActivity, TInput, TOutput>(FunctionContext context, TInput input)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        ArgumentNullException.ThrowIfNull(context);
        var activity = ActivatorUtilities.CreateInstance<TActivity>(context.InstanceServices);
        var instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out var id) ? id?.ToString() ?? "" : "";
        return activity.RunAsync(new Context(typeof(TActivity).Name, instanceId), input);
    }

    private sealed class Context(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
