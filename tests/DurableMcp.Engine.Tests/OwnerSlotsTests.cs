using DurableMcp.Engine.Client;
using DurableMcp.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using TestWorker;
using Xunit.Abstractions;
using static DurableMcp.Engine.Tests.Infrastructure.TestTaskHub;

namespace DurableMcp.Engine.Tests;

/// <summary>An owner's limit on unfinished instances, held by slot rows in the owner's partition, on real storage.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class OwnerSlotsTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task ConcurrentStartsThroughTwoClients_AdmitExactlyTheLimit_AndEachAdmittedOneHoldsOneSlot()
    {
        const int Limit = 5;
        await using var hub = new TestTaskHub(azurite, output);
        await using var other = hub.CreateClientServices();
        DurableClient[] clients = [hub.Client, other.GetRequiredService<DurableClient>()];
        var options = new StartOrchestrationOptions { Owner = "carol", MaxUnfinishedForOwner = Limit };

        var starts = Enumerable.Range(0, 24).Select(async i =>
        {
            try
            {
                return (await clients[i % 2].StartAsync(OrchestrationNames.Steps, null, options)).InstanceId;
            }
            catch (OwnerLimitExceededException refused)
            {
                Assert.Equal("carol", refused.Owner);
                return null;
            }
        });
        var admitted = (await Task.WhenAll(starts)).OfType<string>().Order(StringComparer.Ordinal).ToList();

        Assert.Equal(Limit, admitted.Count);
        var slots = await hub.SlotRowsAsync("carol");
        Assert.Equal(admitted, slots.Values.Order(StringComparer.Ordinal));
        Assert.All(slots.Keys, slot => Assert.InRange(slot, 0, Limit - 1));
        var stored = await hub.Client.QueryAsync(new InstanceQuery { Owner = "carol" });
        Assert.Equal(admitted, stored.Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
        Assert.Equal(Limit, await hub.QueueLengthAsync());
    }

    [Fact]
    public async Task ConcurrentStartsUpToTheLimit_AllAdmitted_AndAnotherProcessFindsTheSlotsFreedLater()
    {
        const int Limit = 20;
        await using var hub = new TestTaskHub(azurite, output);
        var options = new StartOrchestrationOptions { Owner = "erin", MaxUnfinishedForOwner = Limit };

        // All at once through one client: none may be refused while a slot is free.
        var started = await Task.WhenAll(Enumerable.Range(0, Limit).Select(_ => hub.Client.StartAsync(OrchestrationNames.WaitEvent, null, options)));
        Assert.Equal(Enumerable.Range(0, Limit), (await hub.SlotRowsAsync("erin")).Keys.Order());

        // Three end; a second client, which has taken no slot yet, fills exactly those three, at once.
        int[] ended = [3, 11, 17];
        var freed = new List<int>();
        foreach (var i in ended)
        {
            var slots = await hub.SlotRowsAsync("erin");
            freed.Add(slots.Single(s => s.Value == started[i].InstanceId).Key);
            await hub.Client.RequestCancellationAsync(started[i].InstanceId);
        }

        await using var other = hub.CreateClientServices();
        var otherClient = other.GetRequiredService<DurableClient>();
        var again = await Task.WhenAll(ended.Select(_ => otherClient.StartAsync(OrchestrationNames.WaitEvent, null, options)));
        var now = await hub.SlotRowsAsync("erin");
        Assert.Equal(Enumerable.Range(0, Limit), now.Keys.Order());
        Assert.Equal(freed.Order(), again.Select(a => now.Single(s => s.Value == a.InstanceId).Key).Order());

        var refused = await Assert.ThrowsAsync<OwnerLimitExceededException>(() => otherClient.StartAsync(OrchestrationNames.WaitEvent, null, options));
        Assert.Equal(Limit, refused.Unfinished);
    }

    [Fact]
    public async Task ASlotWhoseTaskRowWasDeletedByHand_IsFreedWhenTheOwnerReachesTheLimit()
    {
        const int Limit = 2;
        await using var hub = new TestTaskHub(azurite, output);
        var options = new StartOrchestrationOptions { Owner = "frank", MaxUnfinishedForOwner = Limit };
        var kept = (await hub.Client.StartAsync(OrchestrationNames.WaitEvent, null, options)).InstanceId;
        var lost = (await hub.Client.StartAsync(OrchestrationNames.WaitEvent, null, options)).InstanceId;

        // An operator deletes a row straight from the table: its slot row has no holder left to free it.
        await hub.Instances.DeleteEntityAsync(InstanceIds.PartitionOf(lost), lost);

        var admitted = (await hub.Client.StartAsync(OrchestrationNames.WaitEvent, null, options)).InstanceId;
        var holders = (await hub.SlotRowsAsync("frank")).Values.Order(StringComparer.Ordinal);
        Assert.Equal(new[] { admitted, kept }.Order(StringComparer.Ordinal), holders);
        var refused = await Assert.ThrowsAsync<OwnerLimitExceededException>(() => hub.Client.StartAsync(OrchestrationNames.WaitEvent, null, options));
        Assert.Equal(Limit, refused.Unfinished);
    }

    [Fact]
    public async Task CancellingPurgingAndCompleting_EachFreeTheSlot_SoTheOwnerMayStartAgain()
    {
        const int Limit = 3;
        await using var hub = new TestTaskHub(azurite, output);
        var options = new StartOrchestrationOptions { Owner = "dave", MaxUnfinishedForOwner = Limit };
        var cancelled = (await hub.Client.StartAsync(OrchestrationNames.WaitEvent, null, options)).InstanceId;
        var purged = (await hub.Client.StartAsync(OrchestrationNames.WaitEvent, null, options)).InstanceId;
        await Assert.ThrowsAsync<OwnerLimitExceededException>(async () =>
        {
            await hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = 2 }), options);
            await hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = 2 }), options);
        });
        Assert.Equal(Limit, (await hub.SlotRowsAsync("dave")).Count);

        await hub.Client.RequestCancellationAsync(cancelled);
        Assert.Equal(Limit - 1, (await hub.SlotRowsAsync("dave")).Count);
        Assert.True(await hub.Client.PurgeAsync(purged));
        Assert.Single(await hub.SlotRowsAsync("dave")); // the admitted steps instance's

        // The steps instance that was admitted completes on a worker: its terminal write frees its slot too.
        await hub.StartWorkerAsync();
        await Eventually.Async(() => hub.SlotRowsAsync("dave"), s => s.Count == 0, TimeSpan.FromSeconds(30), "the completed instance's slot to be freed");
        var again = await Task.WhenAll(Enumerable.Range(0, Limit).Select(_ => hub.Client.StartAsync(OrchestrationNames.WaitEvent, null, options)));
        Assert.Equal(Limit, (await hub.SlotRowsAsync("dave")).Count);
        Assert.Equal(again.Select(i => i.InstanceId).Order(StringComparer.Ordinal), (await hub.SlotRowsAsync("dave")).Values.Order(StringComparer.Ordinal));
    }
}
