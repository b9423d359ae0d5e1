using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableMcp.Engine.Hosting;
using Microsoft.Extensions.Options;

namespace DurableMcp.Engine.Storage;

/// <summary>
/// The task hub's storage resources: the instances table, the work queue and the payload container.
/// Clients are thread-safe singletons; resources are created once, on first use.
/// </summary>
internal sealed class TaskHubStorage
{
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    public TaskHubStorage(IOptions<DurableEngineOptions> options)
    {
        var o = options.Value;
        Instances = StorageClientFactory.CreateTableServiceClient(o).GetTableClient(o.TaskHub + "Instances");
        WorkQueue = StorageClientFactory.CreateQueueServiceClient(o).GetQueueClient(o.WorkQueueName);
        Payloads = StorageClientFactory.CreateBlobServiceClient(o).GetBlobContainerClient(o.TaskHub + "-payloads");
    }

    public TableClient Instances { get; }

    public QueueClient WorkQueue { get; }

    public BlobContainerClient Payloads { get; }

    /// <summary>Creates the table, queue and container if they do not exist; cheap after the first call.</summary>
    public async ValueTask EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        if (_created)
        {
            return;
        }

        await _createLock.WaitAsync(cancellationToken);
        try
        {
            if (!_created)
            {
                await Task.WhenAll(
                    Instances.CreateIfNotExistsAsync(cancellationToken),
                    WorkQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
                    Payloads.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
                _created = true;
            }
        }
        finally
        {
            _createLock.Release();
        }
    }
}
