using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using DurableMcp.Engine.Hosting;

namespace DurableMcp.FunctionApp.Hosting;

/// <summary>
/// Counts every HTTP request the storage clients send (each retry too), keyed <c>"{service} {method} {resource}"</c>,
/// for example <c>"table PATCH entity"</c> or <c>"queue GET messages"</c>. Round trips are the cost of a task, so the
/// benchmark reads these counts; attached through <see cref="DurableEngineOptions.ConfigureClientOptions"/> only when
/// <see cref="StorageOperationDiagnostics.SettingName"/> is on.
/// </summary>
internal sealed class StorageOperationCounter
{
    private readonly ConcurrentDictionary<string, long> _counts = new(StringComparer.Ordinal);

    /// <summary>Adds the counting policy to a storage client's pipeline, after the retry policy so each attempt counts.</summary>
    public void AttachTo(ClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var service = options switch
        {
            TableClientOptions => "table",
            QueueClientOptions => "queue",
            BlobClientOptions => "blob",
            _ => "other",
        };
        options.AddPolicy(new CountingPolicy(this, service), HttpPipelinePosition.PerRetry);
    }

    /// <summary>The counts since the process started, sorted by key.</summary>
    public IReadOnlyDictionary<string, long> Snapshot() => new SortedDictionary<string, long>(_counts, StringComparer.Ordinal);

    private void Count(string service, Request request) =>
        _counts.AddOrUpdate($"{service} {request.Method.Method} {Resource(service, request.Uri.Path, request.Uri.Query)}", 1, static (_, n) => n + 1);

    // Works for both path styles: the emulator's /{account}/{resource} and the cloud's /{resource}.
    private static string Resource(string service, string path, string query) => service switch
    {
        "table" when path.EndsWith("/Tables", StringComparison.Ordinal) || path.Contains("/Tables(", StringComparison.Ordinal) => "tables",
        "table" when path.Contains("(PartitionKey=", StringComparison.Ordinal) => "entity",
        "table" when path.EndsWith("/$batch", StringComparison.Ordinal) => "batch",
        "table" => "entities",
        "queue" when path.EndsWith("/messages", StringComparison.Ordinal) => "messages",
        "queue" when path.Contains("/messages/", StringComparison.Ordinal) => "message",
        "queue" => "queue",
        "blob" when query.Contains("restype=container", StringComparison.Ordinal) => "container",
        "blob" => "blob",
        _ => "other",
    };

    private sealed class CountingPolicy(StorageOperationCounter counter, string service) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message) => counter.Count(service, message.Request);
    }
}
