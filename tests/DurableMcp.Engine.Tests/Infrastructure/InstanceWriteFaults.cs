using Azure;
using Azure.Core;
using Azure.Core.Pipeline;

namespace DurableMcp.Engine.Tests.Infrastructure;

/// <summary>
/// A storage blip on demand: while <see cref="Enabled"/>, every write to the instances table fails with 503 before it
/// leaves the process (ahead of the SDK's retries, so none of them help). Reads, queues and blobs are untouched.
/// </summary>
internal sealed class InstanceWriteFaults(string taskHub) : HttpPipelinePolicy
{
    private volatile bool _enabled;

    public bool Enabled
    {
        get => _enabled;
        set => _enabled = value;
    }

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfFaulted(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ThrowIfFaulted(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void ThrowIfFaulted(HttpMessage message)
    {
        if (_enabled
            && message.Request.Method != RequestMethod.Get
            && message.Request.Uri.Path.Contains(taskHub + "Instances", StringComparison.Ordinal))
        {
            throw new RequestFailedException(503, "Injected storage failure.");
        }
    }
}
