using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableMcp.Bench;

/// <summary>
/// One task hub as the bench uses it: a FunctionApp server process on it and a raw client in the bench process on the
/// same hub, each behind its own counting proxy, so the server's requests and the raw client's are told apart. An
/// uncounted tenant connects both straight to Azurite: the proxies live in the bench process, so the raw client reaches
/// its own without leaving the process while the server crosses to another for every request, which would tilt timed
/// comparisons against the server.
/// </summary>
internal sealed class Tenant : IAsyncDisposable
{
    private readonly GrpcChannel _engineChannel;

    private Tenant(string hubName, ServerProcess server, StorageProxy serverStorage, RawTaskHubClient raw, StorageProxy rawStorage)
    {
        HubName = hubName;
        Server = server;
        ServerStorage = serverStorage;
        Raw = raw;
        RawStorage = rawStorage;
        _engineChannel = GrpcChannel.ForAddress(server.EngineAddress);
        Engine = new GrpcDurableTaskClient("server engine", new GrpcDurableTaskClientOptions { Channel = _engineChannel }, NullLogger.Instance);
    }

    public string HubName { get; }

    public ServerProcess Server { get; }

    /// <summary>Counts the server process's storage requests.</summary>
    public StorageProxy ServerStorage { get; }

    public RawTaskHubClient Raw { get; }

    /// <summary>
    /// A raw client in the bench process on the server's own engine (its gRPC sidecar), as a Functions worker's client
    /// reaches the Functions host: the same engine process, thread pool and storage connections serve it and the server's
    /// MCP requests, so the difference is the MCP layer alone. Its storage requests are the server's.
    /// </summary>
    public DurableTaskClient Engine { get; }

    /// <summary>Counts the raw client's storage requests (the bench process).</summary>
    public StorageProxy RawStorage { get; }

    /// <summary>Every storage request on this hub so far: the server's and the raw client's (none when uncounted).</summary>
    public OperationCounts StorageRequests() => ServerStorage.Snapshot().Plus(RawStorage.Snapshot());

    /// <summary>Starts the server and the raw client, and waits until the server answers.</summary>
    public static async Task<Tenant> StartAsync(
        BenchContext bench,
        string name,
        string hubName,
        bool workerEnabled,
        TimeSpan? maxQueuePollingInterval,
        CancellationToken cancellationToken = default,
        IReadOnlyDictionary<string, string>? serverSettings = null,
        bool counted = true)
    {
        var serverStorage = new StorageProxy(name, bench.AzuritePorts, hubName);
        var rawStorage = new StorageProxy($"{name}: raw client", bench.AzuritePorts, hubName);
        var server = ServerProcess.Start(name, counted ? serverStorage.ConnectionString : bench.DirectConnectionString, hubName, workerEnabled, maxQueuePollingInterval, serverSettings);
        try
        {
            await server.WaitHealthyAsync(bench.Http, cancellationToken);
            var raw = await RawTaskHubClient.StartAsync(counted ? rawStorage.ConnectionString : bench.DirectConnectionString, hubName, cancellationToken);
            return new Tenant(hubName, server, serverStorage, raw, rawStorage);
        }
        catch
        {
            await server.DisposeAsync();
            await serverStorage.DisposeAsync();
            await rawStorage.DisposeAsync();
            throw;
        }
    }

    /// <summary>Stops the server and deletes the task hub, so what a phase leaves in Azurite does not slow the next.</summary>
    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            await Raw.DeleteTaskHubAsync();
        }
        catch (Azure.RequestFailedException e)
        {
            Console.Error.WriteLine($"Could not delete task hub {HubName}: {e.Message}");
        }

        await Engine.DisposeAsync();
        _engineChannel.Dispose();
        await Raw.DisposeAsync();
        await RawStorage.DisposeAsync();
        await ServerStorage.DisposeAsync();
    }
}
