using DurableMcp.Engine.Storage;
using DurableMcp.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace DurableMcp.Engine.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class WorkQueueTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task DeleteAndTrySetVisibility_WithAStaleReceipt_LeaveTheMessageToItsNewReceiver()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var queue = hub.Services.GetRequiredService<WorkQueue>();
        var instanceId = InstanceIds.New();
        await queue.EnqueueAsync(instanceId);
        var first = Assert.Single(await queue.ReceiveAsync(1, TimeSpan.FromMinutes(1)));
        Assert.Equal(instanceId, first.InstanceId);

        // Hand the message back at once (as a lapsed visibility would), and let another receiver take it.
        Assert.True(await queue.TrySetVisibilityAsync(first, TimeSpan.Zero));
        var second = await Eventually.Async(
            () => queue.ReceiveAsync(1, TimeSpan.FromMinutes(1)), items => items.Count == 1, TimeSpan.FromSeconds(10), "the message to be received again");
        Assert.Equal(first.MessageId, second[0].MessageId);

        // The first receiver has lost the message: neither call may fail, nor touch the new receiver's copy.
        Assert.False(await queue.TrySetVisibilityAsync(first, TimeSpan.FromMinutes(1)));
        await queue.DeleteAsync(first);
        Assert.Equal(1, await hub.QueueLengthAsync());

        await queue.DeleteAsync(second[0]);
        Assert.Equal(0, await hub.QueueLengthAsync());
    }
}
