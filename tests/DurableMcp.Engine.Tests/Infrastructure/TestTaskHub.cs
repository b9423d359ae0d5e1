using System.Security.Cryptography;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Queues;
using DurableMcp.Engine.Client;
using DurableMcp.Engine.Hosting;
using DurableMcp.Engine.Serialization;
using DurableMcp.Engine.Storage;
using DurableMcp.Engine.Worker;
using DurableMcp.Testing;
using Microsoft.Extensions.DependencyInjection;
using TestWorker;
using Xunit.Abstractions;

namespace DurableMcp.Engine.Tests.Infrastructure;

/// <summary>
/// One test's own task hub on the shared Azurite: an in-process client (no worker), worker processes started on the
/// same hub, and direct access to the hub's storage for assertions. Disposing kills the workers and writes their output
/// to the test's output.
/// </summary>
internal sealed class TestTaskHub : IAsyncDisposable
{
    /// <summary>Short leases make crash recovery take seconds, not minutes.</summary>
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(3);

    private readonly ITestOutputHelper _output;
    private readonly List<WorkerProcess> _workers = [];
    private readonly List<ServiceProvider> _providers = [];

    public TestTaskHub(AzuriteFixture azurite, ITestOutputHelper output)
    {
        _output = output;
        ConnectionString = azurite.ConnectionString;
        Name = "t" + RandomNumberGenerator.GetString("abcdefghijklmnopqrstuvwxyz0123456789", 10);
        Services = CreateClientServices();
        Client = Services.GetRequiredService<DurableClient>();
        StepLog = new StepLog(ConnectionString, Name);
    }

    /// <summary>The task hub name, unique to this test.</summary>
    public string Name { get; }

    public string ConnectionString { get; }

    /// <summary>The client side of the engine in this process (its worker is disabled).</summary>
    public ServiceProvider Services { get; }

    public DurableClient Client { get; }

    /// <summary>What the workers' step bodies really executed.</summary>
    public StepLog StepLog { get; }

    public QueueClient WorkQueue => new(ConnectionString, Name + "-work");

    public BlobContainerClient Payloads => new(ConnectionString, Name + "-payloads");

    public TableClient Instances => new(ConnectionString, Name + "Instances");

    /// <summary>
    /// A separate client-side engine (its own service provider, storage clients and in-process state), as another
    /// process would have. Orchestrations are registered by name only: a client validates names, it never runs them.
    /// </summary>
    /// <param name="time">The clock the engine reads, for tests that move time; the system clock by default.</param>
    public ServiceProvider CreateClientServices(TimeProvider? time = null)
    {
        var services = new ServiceCollection().AddLogging();
        if (time is not null)
        {
            services.AddSingleton(time);
        }

        var engine = services.AddDurableEngine(configure: o =>
        {
            o.ConnectionString = ConnectionString;
            o.TaskHub = Name;
            o.WorkerEnabled = false;
            o.LeaseDuration = LeaseDuration;
        });
        foreach (var name in OrchestrationNames.All)
        {
            engine.AddOrchestration(name, static (_, _, _) => throw new InvalidOperationException("A client-side placeholder never runs."));
        }

        var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _providers.Add(provider);
        return provider;
    }

    /// <summary>Starts a worker process on this hub without waiting for it (it may crash before it is ready).</summary>
    public WorkerProcess StartWorker(IReadOnlyDictionary<string, string>? settings = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["DurableEngine__ConnectionString"] = ConnectionString,
            ["DurableEngine__TaskHub"] = Name,
            ["DurableEngine__LeaseDuration"] = LeaseDuration.ToString(),
            ["DurableEngine__MaxPollInterval"] = "00:00:00.250",
            ["Logging__LogLevel__Default"] = "Information",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        var worker = WorkerProcess.Start($"worker {(char)('A' + _workers.Count)}", environment);
        _workers.Add(worker);
        return worker;
    }

    /// <summary>Starts a worker process on this hub and waits until its host has started.</summary>
    public async Task<WorkerProcess> StartWorkerAsync(IReadOnlyDictionary<string, string>? settings = null)
    {
        var worker = StartWorker(settings);
        await worker.WaitUntilReadyAsync(TimeSpan.FromSeconds(30));
        return worker;
    }

    /// <summary>Messages in the work queue, visible or not.</summary>
    public async Task<int> QueueLengthAsync()
    {
        var properties = await WorkQueue.GetPropertiesAsync();
        return properties.Value.ApproximateMessagesCount;
    }

    /// <summary>Names of the payload blobs stored under an instance.</summary>
    public async Task<List<string>> PayloadBlobsAsync(string instanceId)
    {
        var names = new List<string>();
        await foreach (var blob in Payloads.GetBlobsAsync(BlobTraits.None, BlobStates.None, instanceId + "/", CancellationToken.None))
        {
            names.Add(blob.Name);
        }

        return names;
    }

    /// <summary>Whether the instance's row exists, read straight from the table (expired or not).</summary>
    public async Task<bool> InstanceRowExistsAsync(string instanceId) =>
        (await Instances.GetEntityIfExistsAsync<TableEntity>(InstanceIds.PartitionOf(instanceId), instanceId)).HasValue;

    /// <summary>The instance's row, read straight from the table.</summary>
    public async Task<TableEntity> InstanceRowAsync(string instanceId) =>
        (await Instances.GetEntityAsync<TableEntity>(InstanceIds.PartitionOf(instanceId), instanceId)).Value;

    /// <summary>The rows of an instance in its partition, named for reading: "instance" and "event:{key}".</summary>
    public Task<List<string>> InstanceRowNamesAsync(string instanceId) => InstanceRows.NamesAsync(Instances, instanceId);

    /// <summary>The slot rows of an owner (one per unfinished instance started with a limit): slot number, instance id.</summary>
    public async Task<Dictionary<int, string>> SlotRowsAsync(string owner)
    {
        var slots = new Dictionary<int, string>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {InstanceIds.PartitionOfOwner(owner)} and RowKey ge {"~slot:"} and RowKey lt {"~slot;"}");
        await foreach (var entity in Instances.QueryAsync<TableEntity>(filter))
        {
            slots[int.Parse(entity.RowKey["~slot:".Length..], System.Globalization.CultureInfo.InvariantCulture)] = entity.GetString("Instance") ?? "";
        }

        return slots;
    }

    /// <summary>The instance row as the engine reads it (lease, attempts, raw pending waits), expired or not; null when gone.</summary>
    public Task<InstanceRecord?> ReadRecordAsync(string instanceId) =>
        Services.GetRequiredService<InstanceStore>().GetAsync(instanceId);

    /// <summary>The journal a row holds (inline or in its blob): the operations its runs finished and persisted.</summary>
    public async Task<List<JournalEntry>> ReadJournalAsync(InstanceRecord record)
    {
        var json = await Services.GetRequiredService<PayloadStore>().LoadAsync(record.Journal);
        return json is null ? [] : JsonSerializer.Deserialize(json, EngineJsonContext.Default.ListJournalEntry) ?? [];
    }

    /// <summary>The events recorded for an instance, oldest first, as the engine lists them.</summary>
    public Task<List<RecordedEvent>> ReadEventsAsync(string instanceId) =>
        Services.GetRequiredService<EventStore>().ListAsync(instanceId);

    /// <summary>
    /// Polls until the instance is suspended: a run has ended with the instance still running, its lease released, and
    /// (as the client reports it) waiting for <paramref name="waits"/> things. Returns the client's view.
    /// </summary>
    public async Task<OrchestrationInstance> WaitUntilSuspendedAsync(string instanceId, int waits, TimeSpan timeout)
    {
        var (instance, _) = await Eventually.Async(
            async () => (Instance: await Client.GetAsync(instanceId), Record: await ReadRecordAsync(instanceId)),
            state => state.Instance is { Status: OrchestrationStatus.Running } i && i.PendingWaits.Count == waits
                && state.Record is { LeaseOwner: null, PendingWaits: not null },
            timeout,
            $"instance {instanceId} to suspend waiting for {waits} event(s) or timer(s)");
        return instance!;
    }

    /// <summary>Polls until the instance is terminal and returns it.</summary>
    public async Task<OrchestrationInstance> WaitForTerminalAsync(string instanceId, TimeSpan timeout) =>
        (await Eventually.Async(
            () => Client.GetAsync(instanceId),
            i => i is not null && i.Status.IsTerminal(),
            timeout,
            $"instance {instanceId} to end"))!;

    public static JsonElement Json(object value) => JsonSerializer.SerializeToElement(value);

    public async ValueTask DisposeAsync()
    {
        foreach (var worker in _workers)
        {
            worker.Kill();
            _output.WriteLine($"----- {worker.Name} (pid {worker.Id}, exit code {worker.ExitCode}) -----");
            _output.WriteLine(worker.Output);
            worker.Dispose();
        }

        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }
    }
}
