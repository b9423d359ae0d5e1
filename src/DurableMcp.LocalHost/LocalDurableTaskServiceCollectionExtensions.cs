using DurableTask.AzureStorage;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableMcp.LocalHost;

/// <summary>Adds the local host's Durable Task engine: <c>services.AddLocalDurableTask(configuration)</c>.</summary>
public static class LocalDurableTaskServiceCollectionExtensions
{
    /// <summary>The connection string setting, the same one the Functions host reads.</summary>
    public const string StorageConnectionSetting = "AzureWebJobsStorage";

    /// <summary>
    /// Runs orchestrations and activities in this process on DurableTask.AzureStorage (storage from
    /// <c>AzureWebJobsStorage</c>, options from <c>DurableTask</c>), and registers the <see cref="DurableTaskClient"/> and
    /// <c>DurableTaskWorker</c> that reach it. What the worker runs comes from the
    /// <see cref="Microsoft.DurableTask.DurableTaskRegistry"/> options, which the task layer fills.
    /// </summary>
    public static IServiceCollection AddLocalDurableTask(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<LocalDurableTaskOptions>().Bind(configuration.GetSection(LocalDurableTaskOptions.SectionName)).ValidateDataAnnotations().ValidateOnStart();
        var connection = configuration[StorageConnectionSetting] is { Length: > 0 } configured ? configured : "UseDevelopmentStorage=true";

        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<LocalDurableTaskOptions>>().Value;
            return new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
            {
                TaskHubName = options.HubName,
                StorageAccountClientProvider = new StorageAccountClientProvider(connection),
                PartitionCount = options.PartitionCount,
                MaxQueuePollingInterval = options.MaxQueuePollingInterval,
                MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestrations,
                MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivities,
                UseTablePartitionManagement = true, // as Durable Functions does
                LeaseInterval = options.PartitionLeaseInterval,
                LeaseRenewInterval = options.PartitionLeaseInterval / 3,
                LeaseAcquireInterval = options.PartitionLeaseInterval / 3,
                ControlQueueVisibilityTimeout = options.MessageVisibilityTimeout,
                WorkItemQueueVisibilityTimeout = options.MessageVisibilityTimeout,
                WorkerId = $"{Environment.MachineName}-{Environment.ProcessId}",
                LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
            });
        });

        // The sidecar starts first (hosted services start in order), so the worker finds it listening.
        services.AddSingleton<TaskHubSidecar>();
        services.AddHostedService(sp => sp.GetRequiredService<TaskHubSidecar>());
        services.AddSingleton(sp => GrpcChannel.ForAddress(sp.GetRequiredService<TaskHubSidecar>().Address));
        if (configuration.GetSection(LocalDurableTaskOptions.SectionName).GetValue(nameof(LocalDurableTaskOptions.WorkerEnabled), true))
        {
            services.AddDurableTaskWorker(worker => worker.UseGrpc());
        }

        services.AddDurableTaskClient(client =>
        {
            client.UseGrpc();
            client.RegisterDirectly();
        });
        services.AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName).Configure<GrpcChannel>((o, channel) => o.Channel = channel);
        services.AddOptions<GrpcDurableTaskClientOptions>(Options.DefaultName).Configure<GrpcChannel>((o, channel) => o.Channel = channel);
        return services;
    }
}
