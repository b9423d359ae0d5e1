using Azure.Data.Tables;
using Azure.Identity;
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
        var tableOptions = new TableClientOptions();
        var queueOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.None };
        var blobOptions = new BlobClientOptions();
        o.ConfigureClientOptions?.Invoke(tableOptions);
        o.ConfigureClientOptions?.Invoke(queueOptions);
        o.ConfigureClientOptions?.Invoke(blobOptions);

        TableServiceClient tables;
        QueueServiceClient queues;
        BlobServiceClient blobs;
        if (o.BlobServiceUri is not null || !string.IsNullOrWhiteSpace(o.AccountName))
        {
            var credential = new DefaultAzureCredential();
            var account = o.AccountName;
            tables = new TableServiceClient(o.TableServiceUri ?? new Uri($"https://{account}.table.core.windows.net"), credential, tableOptions);
            queues = new QueueServiceClient(o.QueueServiceUri ?? new Uri($"https://{account}.queue.core.windows.net"), credential, queueOptions);
            blobs = new BlobServiceClient(o.BlobServiceUri ?? new Uri($"https://{account}.blob.core.windows.net"), credential, blobOptions);
        }
        else
        {
            tables = new TableServiceClient(o.ConnectionString, tableOptions);
            queues = new QueueServiceClient(o.ConnectionString, queueOptions);
            blobs = new BlobServiceClient(o.ConnectionString, blobOptions);
        }

        Instances = tables.GetTableClient(o.TaskHub + "Instances");
        WorkQueue = queues.GetQueueClient(o.TaskHub + "-work");
        Payloads = blobs.GetBlobContainerClient(o.TaskHub + "-payloads");
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
