using DurableMcp.Tasks.Durable;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

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

    /// <summary>
    /// Runs an activity that reads other tasks through the task layer (<see cref="DurableClientSource"/>): the
    /// invocation's <c>[DurableClient]</c> is made current while it runs, as the MCP function does for a request. The
    /// local host has one client for the process and needs none of this.
    /// </summary>
    public static async Task<TOutput> RunWithClientAsync<TActivity, TInput, TOutput>(FunctionContext context, TInput input, DurableTaskClient client)
        where TActivity : TaskActivity<TInput, TOutput>
    {
        using (DurableClientSource.Use(client))
        {
            return await RunAsync<TActivity, TInput, TOutput>(context, input);
        }
    }

    private sealed class Context(TaskName name, string instanceId) : TaskActivityContext
    {
        public override TaskName Name { get; } = name;

        public override string InstanceId { get; } = instanceId;
    }
}
