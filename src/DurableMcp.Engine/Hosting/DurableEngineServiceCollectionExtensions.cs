using DurableMcp.Engine.Client;
using DurableMcp.Engine.Storage;
using DurableMcp.Engine.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableMcp.Engine.Hosting;

/// <summary>Registers the durable engine.</summary>
public static class DurableEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the engine: the <see cref="DurableClient"/>, the queue worker (which runs only when
    /// <see cref="DurableEngineOptions.WorkerEnabled"/>), and the <see cref="HostedWorker"/> for hosts that own the queue.
    /// Options bind from the <c>DurableEngine</c> section of <paramref name="configuration"/> when given, and are validated
    /// at start. Idempotent.
    /// </summary>
    public static IDurableEngineBuilder AddDurableEngine(this IServiceCollection services, IConfiguration? configuration = null, Action<DurableEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<DurableEngineOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(DurableEngineOptions.SectionName));
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableEngineOptions>, DurableEngineOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<TaskHubStorage>();
        services.TryAddSingleton<InstanceStore>();
        services.TryAddSingleton<PayloadStore>();
        services.TryAddSingleton<EventStore>();
        services.TryAddSingleton<OwnerSlots>();
        services.TryAddSingleton<WorkQueue>();
        services.TryAddSingleton<WorkSignal>();
        services.TryAddSingleton<LocalInstances>();
        services.TryAddSingleton<OrchestrationRunner>();
        services.TryAddSingleton<PoisonQueue>();
        services.TryAddSingleton(sp => new DurableClient(
            sp.GetRequiredService<InstanceStore>(),
            sp.GetRequiredService<OwnerSlots>(),
            sp.GetRequiredService<PayloadStore>(),
            sp.GetRequiredService<EventStore>(),
            sp.GetRequiredService<WorkQueue>(),
            sp.GetRequiredService<WorkSignal>(),
            sp.GetRequiredService<LocalInstances>(),
            sp.GetServices<OrchestrationRegistration>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<DurableClient>>()));
        services.TryAddSingleton(sp => new HostedWorker(
            sp.GetRequiredService<OrchestrationRunner>(),
            sp.GetRequiredService<DurableClient>(),
            sp.GetRequiredService<PoisonQueue>(),
            sp.GetRequiredService<IOptions<DurableEngineOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<HostedWorker>>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, QueueWorker>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ExpiredInstancePurger>());
        return new DurableEngineBuilder(services);
    }

    /// <summary>Registers an orchestration the worker can run and the client can start.</summary>
    public static IDurableEngineBuilder AddOrchestration(this IDurableEngineBuilder builder, string name, OrchestrationFunction function)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(function);
        builder.Services.AddSingleton(new OrchestrationRegistration(name, function));
        return builder;
    }
}
