using DurableMcp.Tasks.Outputs;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ModelContextProtocol.Server;

namespace DurableMcp.Tasks.Hosting;

/// <summary>Serves the output files of long tools: <c>AddMcpServer().WithDurableTasks(config).WithTaskOutputs&lt;TStore&gt;()</c>.</summary>
public static class TaskOutputsBuilderExtensions
{
    /// <summary>
    /// Adds the <c>task://{taskId}/{name}</c> resource template (read by the task's owner until it expires) backed by
    /// <typeparamref name="TStore"/>, and has the janitor delete a task's outputs when it purges the task. Coexists with
    /// other resources: the SDK routes a <c>resources/read</c> here only for <c>task://</c> URIs.
    /// </summary>
    public static IMcpServerBuilder WithTaskOutputs<TStore>(this IMcpServerBuilder builder)
        where TStore : class, ITaskOutputStore
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton<ITaskOutputStore, TStore>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<McpServerResource, TaskOutputResource>());
        return builder;
    }
}
