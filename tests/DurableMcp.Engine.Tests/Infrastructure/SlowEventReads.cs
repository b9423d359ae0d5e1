using Azure.Core;
using Azure.Core.Pipeline;

namespace DurableMcp.Engine.Tests.Infrastructure;

/// <summary>
/// Slows the first, third, ... read of an instance's events (the query for <c>~event:</c> rows in the instances table) by
/// <paramref name="delay"/>, so that two reads started together would finish in the opposite order, on cue.
/// </summary>
internal sealed class SlowEventReads(string taskHub, TimeSpan delay) : HttpPipelinePolicy
{
    private int _reads;

    /// <summary>Event reads seen so far.</summary>
    public int Reads => Volatile.Read(ref _reads);

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (IsEventRead(message) && Interlocked.Increment(ref _reads) % 2 == 1)
        {
            Thread.Sleep(delay);
        }

        ProcessNext(message, pipeline);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        if (IsEventRead(message) && Interlocked.Increment(ref _reads) % 2 == 1)
        {
            await Task.Delay(delay).ConfigureAwait(false);
        }

        await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
    }

    private bool IsEventRead(HttpMessage message) =>
        message.Request.Method == RequestMethod.Get
        && message.Request.Uri.Path.Contains(taskHub + "Instances", StringComparison.Ordinal)
        && Uri.UnescapeDataString(message.Request.Uri.Query).Contains("'~event:", StringComparison.Ordinal);
}
