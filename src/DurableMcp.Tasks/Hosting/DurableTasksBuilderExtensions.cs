using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Elicitation;
using DurableMcp.Tasks.Protocol;
using DurableMcp.Tasks.Protocol2025;
using DurableMcp.Tasks.Sources;
using DurableMcp.Tasks.Subscriptions;
using DurableMcp.Tasks.Tools;
using Microsoft.DurableTask;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol.Server;

namespace DurableMcp.Tasks.Hosting;

/// <summary>Adds durable MCP tasks to an MCP server: <c>AddMcpServer().WithDurableTasks(config).WithDurableTools&lt;T&gt;()</c>.</summary>
public static class DurableTasksBuilderExtensions
{
    /// <summary>
    /// Adds the Tasks extension on Durable Functions: advertises it, answers <c>tasks/*</c> from the orchestrations, and
    /// turns calls of durable tools into scheduled orchestrations. Options bind from <c>McpTasks</c>. The host supplies
    /// the <see cref="Microsoft.DurableTask.Client.DurableTaskClient"/> (see <see cref="DurableClientSource"/>) and a worker
    /// that runs the orchestrations; a Durable Task worker registered in the same container gets the tools' orchestrators
    /// and activities added to its registry.
    /// </summary>
    public static IMcpServerBuilder WithDurableTasks(this IMcpServerBuilder builder, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<DurableTasksOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(DurableTasksOptions.SectionName));
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableTasksOptions>, DurableTasksOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DurableClientSource>();
        services.TryAddSingleton<TaskStore>();
        services.TryAddSingleton<StorageBoundary>();
        services.TryAddSingleton<StorageOutageFilter>();
        services.AddHttpContextAccessor();
        services.TryAddSingleton(sp => new TaskJanitor(sp.GetRequiredService<TaskStore>(), sp.GetRequiredService<IOptions<DurableTasksOptions>>(), sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TaskJanitor>>(), sp.GetService<Outputs.ITaskOutputStore>()));
        services.TryAddSingleton<DurableToolCatalog>(sp => new DurableToolCatalog(sp.GetServices<DurableTool>(), sp.GetServices<DurableActivityRegistration>()));
        services.TryAddSingleton<TaskCallFilter>();
        services.TryAddSingleton(sp => new TaskSourceReader(sp.GetRequiredService<TaskStore>()));
        services.TryAddSingleton<TaskSourceValidator>();
        services.TryAddSingleton<TaskRequestHandlers>();
        services.TryAddSingleton<InitializeRevisionPollThrottle>();
        services.TryAddSingleton<InputResponder>();
        services.TryAddSingleton<InitializeRevisionAdvertiser>();
        services.TryAddSingleton<TaskResultHttpHandler>();
        services.TryAddSingleton<TaskStreamLimiter>();
        services.TryAddSingleton<TaskSubscriptionHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<McpServerOptions>, ConfigureTaskProtocol>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<DurableTaskRegistry>, ConfigureTaskRegistry>());
        return builder;
    }

    /// <summary>
    /// Registers the durable tools of <typeparamref name="TTools"/>: its static <c>[McpServerTool]</c> methods that also carry
    /// <see cref="DurableToolAttribute"/>. They are listed like any tool; each runs as the orchestration of the tool's name.
    /// </summary>
    public static IMcpServerBuilder WithDurableTools<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] TTools>(this IMcpServerBuilder builder)
        where TTools : class =>
        builder.WithDurableTools(typeof(TTools));

    /// <summary>Registers the durable tools of <paramref name="toolType"/> (a static class works).</summary>
    public static IMcpServerBuilder WithDurableTools(this IMcpServerBuilder builder, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods)] Type toolType)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(toolType);
        foreach (var method in toolType.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        {
            if (method.GetCustomAttribute<McpServerToolAttribute>() is null || method.GetCustomAttribute<DurableToolAttribute>() is not { } durable)
            {
                continue;
            }

            if (!method.IsStatic || !method.GetParameters().Any(p => p.ParameterType == typeof(TaskOrchestrationContext)))
            {
                throw new InvalidOperationException(
                    $"{toolType.Name}.{method.Name}: a durable tool is a static orchestrator method with a TaskOrchestrationContext parameter; do its I/O in activities.");
            }

            // The listing comes from the SDK, so names, descriptions and schemas follow its conventions exactly.
            var listed = McpServerTool.Create(method, target: null, new McpServerToolCreateOptions
            {
                SchemaCreateOptions = new AIJsonSchemaCreateOptions { IncludeParameter = ToolArgumentValidator.IsSchemaParameter },
            });
            builder.Services.AddSingleton(listed);
            builder.Services.AddSingleton(new DurableTool(listed.ProtocolTool.Name, durable.TaskSupport, method, durable.AsksBeforeTask));
        }

        return builder;
    }

    /// <summary>Registers an activity the durable tools call, by its type name (<c>context.CallActivityAsync(nameof(TActivity), ...)</c>).</summary>
    public static IMcpServerBuilder WithActivity<TActivity>(this IMcpServerBuilder builder)
        where TActivity : class, ITaskActivity
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton(new DurableActivityRegistration(typeof(TActivity)));
        return builder;
    }

    /// <summary>Gives a Durable Task worker in this container the tools' orchestrators and activities.</summary>
    private sealed class ConfigureTaskRegistry(DurableToolCatalog catalog) : IConfigureOptions<DurableTaskRegistry>
    {
        public void Configure(DurableTaskRegistry options) => catalog.AddTo(options);
    }

    /// <summary>Wires the task protocol into the SDK through its public hooks.</summary>
    private sealed class ConfigureTaskProtocol(
        TaskCallFilter filter, TaskRequestHandlers handlers, InitializeRevisionAdvertiser advertiser, TaskSubscriptionHandler subscriptions, StorageOutageFilter outage)
        : IConfigureOptions<McpServerOptions>
    {
        public void Configure(McpServerOptions options)
        {
            options.Capabilities ??= new();
            options.Capabilities.Extensions ??= new Dictionary<string, object>();
            options.Capabilities.Extensions[TasksProtocol.ExtensionId] = new JsonObject();

            options.RequestHandlers ??= [];
            options.RequestHandlers.Add(new McpServerRequestHandler { Method = TasksProtocol.TasksGet, RoutingNameParameter = "taskId", Handler = (r, ct) => handlers.GetAsync(r.JsonRpcRequest, ct) });
            options.RequestHandlers.Add(new McpServerRequestHandler { Method = TasksProtocol.TasksUpdate, RoutingNameParameter = "taskId", Handler = (r, ct) => handlers.UpdateAsync(r.JsonRpcRequest, ct) });
            options.RequestHandlers.Add(new McpServerRequestHandler { Method = TasksProtocol.TasksCancel, RoutingNameParameter = "taskId", Handler = (r, ct) => handlers.CancelAsync(r.JsonRpcRequest, ct) });
            options.Filters.Request.CallToolWithAlternateFilters.Add((request, next, cancellationToken) => filter.InvokeAsync(request, next, cancellationToken));

            // Task status pushed over subscriptions/listen (keep-alives need WithDurableTaskStreams on the endpoint).
            options.Handlers.SubscriptionsListenHandler = subscriptions.ListenAsync;
            options.Filters.Message.OutgoingFilters.Add(ListChangedTrimmer.Outgoing);

            // 2025-11-25 experimental tasks for initialize-based clients (tasks/result is served at the HTTP level: WithDurableTasks2025).
            options.RequestHandlers.Add(new McpServerRequestHandler { Method = Tasks2025Protocol.TasksList, Handler = (r, ct) => handlers.ListAsync(r.JsonRpcRequest, ct) });
            options.Filters.Message.IncomingFilters.Add(advertiser.Incoming);
            options.Filters.Message.IncomingFilters.Add(outage.Incoming);
            options.Filters.Message.OutgoingFilters.Add(advertiser.Outgoing);
        }
    }
}
