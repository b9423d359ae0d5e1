using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json.Nodes;
using DurableMcp.Engine;
using DurableMcp.Engine.Hosting;
using DurableMcp.Tasks.Elicitation;
using DurableMcp.Tasks.Protocol;
using DurableMcp.Tasks.Protocol2025;
using DurableMcp.Tasks.Tools;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tasks.Hosting;

/// <summary>Adds durable MCP tasks to an MCP server: <c>AddMcpServer().WithDurableTasks(config).WithDurableTools&lt;T&gt;()</c>.</summary>
public static class DurableTasksBuilderExtensions
{
    /// <summary>
    /// Adds the durable engine and the Tasks extension: advertises it, answers <c>tasks/get</c> and <c>tasks/cancel</c>,
    /// and turns calls of durable tools into tasks. Options bind from <c>McpTasks</c> and <c>DurableEngine</c>.
    /// </summary>
    public static IMcpServerBuilder WithDurableTasks(this IMcpServerBuilder builder, IConfiguration? configuration = null, Action<DurableEngineOptions>? configureEngine = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddDurableEngine(configuration, configureEngine);
        var options = services.AddOptions<DurableTasksOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(DurableTasksOptions.SectionName));
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableTasksOptions>, DurableTasksOptionsValidator>());
        services.TryAddSingleton<DurableToolCatalog>();
        services.TryAddSingleton<TaskCallFilter>();
        services.TryAddSingleton<TaskRequestHandlers>();
        services.TryAddSingleton<InitializeRevisionPollThrottle>();
        services.TryAddSingleton<InputResponder>();
        services.TryAddSingleton<InitializeRevisionAdvertiser>();
        services.TryAddSingleton<TaskResultHttpHandler>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<McpServerOptions>, ConfigureTaskProtocol>());
        return builder;
    }

    /// <summary>
    /// Registers the durable tools of <typeparamref name="TTools"/>: its <c>[McpServerTool]</c> methods that also carry
    /// <see cref="DurableToolAttribute"/>. They are listed like any tool; their calls run as orchestrations.
    /// </summary>
    public static IMcpServerBuilder WithDurableTools<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicConstructors)] TTools>(this IMcpServerBuilder builder)
        where TTools : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        var engine = new DurableEngineBuilderShim(builder.Services);
        foreach (var method in typeof(TTools).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
        {
            if (method.GetCustomAttribute<McpServerToolAttribute>() is null || method.GetCustomAttribute<DurableToolAttribute>() is not { } durable)
            {
                continue;
            }

            // The listing comes from the SDK, so names, descriptions and schemas follow its conventions exactly.
            var listingOptions = new McpServerToolCreateOptions
            {
                SchemaCreateOptions = new AIJsonSchemaCreateOptions { IncludeParameter = ToolArgumentValidator.IsSchemaParameter },
            };
            var listed = method.IsStatic
                ? McpServerTool.Create(method, target: null, listingOptions)
                : McpServerTool.Create(method, _ => throw new InvalidOperationException("Durable tools run through the durable engine, not the SDK's tool invoker."), listingOptions);
            var tool = new DurableTool(listed.ProtocolTool.Name, durable.TaskSupport, method, CreateFunction(method, listed.ProtocolTool.Name));
            builder.Services.AddSingleton(listed);
            builder.Services.AddSingleton(tool);
            engine.AddOrchestration(tool.Name, ToolOrchestration.Create(tool));
        }

        return builder;
    }

    /// <summary>The function the worker invokes: the method, with the orchestration context and services bound.</summary>
    private static AIFunction CreateFunction(MethodInfo method, string name)
    {
        var options = new AIFunctionFactoryOptions
            {
                Name = name,
                SerializerOptions = McpJsonUtilities.DefaultOptions,
                MarshalResult = static (result, _, _) => new ValueTask<object?>(result),
                ConfigureParameterBinding = parameter => parameter.ParameterType == typeof(IOrchestrationContext)
                    ? new AIFunctionFactoryOptions.ParameterBindingOptions
                    {
                        ExcludeFromSchema = true,
                        BindParameter = static (_, args) => args.Context![typeof(IOrchestrationContext)],
                    }
                    : parameter.ParameterType == typeof(IServiceProvider)
                        ? new AIFunctionFactoryOptions.ParameterBindingOptions { ExcludeFromSchema = true, BindParameter = static (_, args) => args.Services }
                        : default,
            };
        return method.IsStatic
            ? AIFunctionFactory.Create(method, target: null, options)
            : AIFunctionFactory.Create(method, args => ActivatorUtilities.CreateInstance(args.Services!, method.DeclaringType!), options);
    }

    private sealed class DurableEngineBuilderShim(IServiceCollection services) : IDurableEngineBuilder
    {
        public IServiceCollection Services { get; } = services;
    }

    /// <summary>Wires the task protocol into the SDK through its public hooks.</summary>
    private sealed class ConfigureTaskProtocol(TaskCallFilter filter, TaskRequestHandlers handlers, InitializeRevisionAdvertiser advertiser) : IConfigureOptions<McpServerOptions>
    {
        public void Configure(McpServerOptions options)
        {
            options.Capabilities ??= new();
            options.Capabilities.Extensions ??= new Dictionary<string, object>();
            options.Capabilities.Extensions[TasksProtocol.ExtensionId] = new JsonObject();

            options.RequestHandlers ??= [];
            options.RequestHandlers.Add(new McpServerRequestHandler { Method = TasksProtocol.TasksGet, RoutingNameParameter = "taskId", Handler = handlers.GetAsync });
            options.RequestHandlers.Add(new McpServerRequestHandler { Method = TasksProtocol.TasksUpdate, RoutingNameParameter = "taskId", Handler = handlers.UpdateAsync });
            options.RequestHandlers.Add(new McpServerRequestHandler { Method = TasksProtocol.TasksCancel, RoutingNameParameter = "taskId", Handler = handlers.CancelAsync });
            options.Filters.Request.CallToolWithAlternateFilters.Add((request, next, cancellationToken) => filter.InvokeAsync(request, next, cancellationToken));

            // 2025-11-25 experimental tasks for initialize-based clients (tasks/result is served at the HTTP level: WithDurableTasks2025).
            options.RequestHandlers.Add(new McpServerRequestHandler { Method = Tasks2025Protocol.TasksList, Handler = handlers.ListAsync });
            options.Filters.Message.IncomingFilters.Add(advertiser.Incoming);
            options.Filters.Message.OutgoingFilters.Add(advertiser.Outgoing);
        }
    }
}
