using DurableMcp.Engine.Client;
using DurableMcp.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using TestWorker;
using Xunit.Abstractions;
using static DurableMcp.Engine.Tests.Infrastructure.TestTaskHub;

namespace DurableMcp.Engine.Tests;

/// <summary>The client against real storage, with no worker running: creation, reads and queries.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class DurableClientTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task StartAsync_WhenItReturns_AnotherClientFindsTheInstancePendingAndQueued()
    {
        await using var hub = new TestTaskHub(azurite, output);

        var started = await hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = 1 }), new StartOrchestrationOptions { Owner = "alice" });

        // A second client with its own service provider shares nothing in memory with the first: only storage.
        await using var other = hub.CreateClientServices();
        var otherClient = other.GetRequiredService<DurableClient>();
        var found = await otherClient.GetAsync(started.InstanceId);
        Assert.NotNull(found);
        Assert.Equal(started.InstanceId, found.InstanceId);
        Assert.Equal(OrchestrationStatus.Pending, found.Status);
        Assert.Equal(OrchestrationNames.Steps, found.Name);
        Assert.Equal("alice", found.Owner);
        Assert.Null(found.Output);
        var summary = await otherClient.GetAsync(started.InstanceId, includeOutput: false);
        Assert.Equal(started.InstanceId, summary?.InstanceId);
        Assert.Equal(OrchestrationStatus.Pending, summary?.Status);

        var queued = await hub.WorkQueue.PeekMessagesAsync(maxMessages: 32);
        Assert.Equal([started.InstanceId], queued.Value.Select(m => m.Body.ToString()));
    }

    [Fact]
    public async Task StartAsync_OwnerAtItsLimit_RefusedWithNothingLeft_OthersAndFinishedOnesDoNotCount()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var limited = new StartOrchestrationOptions { Owner = "alice", MaxUnfinishedForOwner = 2 };
        var first = await hub.Client.StartAsync(OrchestrationNames.Steps, null, limited);
        await hub.Client.StartAsync(OrchestrationNames.Steps, null, limited);
        await hub.Client.StartAsync(OrchestrationNames.Steps, null, limited with { Owner = "bob" });

        // With an input big enough for a blob: the refusal takes that back too.
        var refused = await Assert.ThrowsAsync<OwnerLimitExceededException>(
            () => hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { filler = new string('x', 40_000) }), limited));

        Assert.Equal("alice", refused.Owner);
        Assert.Equal(2, refused.Unfinished);
        var all = await hub.Client.QueryAsync(new InstanceQuery());
        Assert.Equal(3, all.Instances.Count);
        Assert.Equal(3, (await hub.WorkQueue.PeekMessagesAsync(maxMessages: 32)).Value.Length);
        Assert.Empty(await hub.Payloads.GetBlobsAsync().ToListAsync());

        // An ended instance frees its place.
        await hub.Client.RequestCancellationAsync(first.InstanceId);
        var admitted = await hub.Client.StartAsync(OrchestrationNames.Steps, null, limited);
        Assert.Equal(OrchestrationStatus.Pending, (await hub.Client.GetAsync(admitted.InstanceId))?.Status);
    }

    [Fact]
    public async Task GetAsync_UnknownOrMalformedId_ReturnsNull()
    {
        await using var hub = new TestTaskHub(azurite, output);
        await hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = 1 }));

        Assert.Null(await hub.Client.GetAsync(InstanceIds.New()));
        Assert.Null(await hub.Client.GetAsync("not an id"));
        Assert.Null(await hub.Client.GetAsync("AAAAAAAAAAAAA\nAAAAAAAAAAAAA"));
        Assert.Null(await hub.Client.RequestCancellationAsync("AAAAAAAAAAAAA\tAAAAAAAAAAAAA"));
        Assert.Null(await hub.Client.RequestCancellationAsync(InstanceIds.New()));
        Assert.False(await hub.Client.PurgeAsync(InstanceIds.New()));
    }

    [Fact]
    public async Task StartAsync_UnregisteredName_Throws()
    {
        await using var hub = new TestTaskHub(azurite, output);

        await Assert.ThrowsAsync<ArgumentException>(() => hub.Client.StartAsync("no-such-orchestration", null));
    }

    [Fact]
    public async Task QueryAsync_StatusAndOwnerFilters_AndPagingWithContinuationTokens_FindExactlyTheMatches()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var owner = i < 3 ? "alice" : "bob";
            ids.Add((await hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = 1 }), new StartOrchestrationOptions { Owner = owner })).InstanceId);
        }

        string[] cancelled = [ids[1], ids[4]];
        foreach (var id in cancelled)
        {
            var result = await hub.Client.RequestCancellationAsync(id);
            Assert.Equal(id, result?.InstanceId);
            Assert.Equal(OrchestrationStatus.Cancelled, result?.Status);
        }

        var pages = new List<InstancePage>();
        string? token = null;
        do
        {
            var page = await hub.Client.QueryAsync(new InstanceQuery { PageSize = 2, ContinuationToken = token });
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null && pages.Count < 10);

        Assert.Null(token);
        Assert.All(pages, p => Assert.InRange(p.Instances.Count, 0, 2));
        Assert.True(pages.Count >= 3, $"Five instances in pages of two took {pages.Count} page(s).");
        Assert.Equal(ids.Order(StringComparer.Ordinal), pages.SelectMany(p => p.Instances).Select(i => i.InstanceId).Order(StringComparer.Ordinal));

        Assert.Equal(cancelled.Order(StringComparer.Ordinal), await QueryIdsAsync(hub.Client, new InstanceQuery { Statuses = [OrchestrationStatus.Cancelled] }));
        Assert.Equal(
            new[] { ids[0], ids[2], ids[3] }.Order(StringComparer.Ordinal),
            await QueryIdsAsync(hub.Client, new InstanceQuery { Statuses = [OrchestrationStatus.Pending] }));
        Assert.Equal(5, (await QueryIdsAsync(hub.Client, new InstanceQuery { Statuses = [OrchestrationStatus.Pending, OrchestrationStatus.Cancelled] })).Count);
        Assert.Empty(await QueryIdsAsync(hub.Client, new InstanceQuery { Statuses = [OrchestrationStatus.Completed] }));
        Assert.Equal(
            new[] { ids[3], ids[4] }.Order(StringComparer.Ordinal),
            await QueryIdsAsync(hub.Client, new InstanceQuery { Owner = "bob" }));
        Assert.Equal(
            [ids[4]],
            await QueryIdsAsync(hub.Client, new InstanceQuery { Owner = "bob", Statuses = [OrchestrationStatus.Cancelled] }));
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownOrMalformedId_ReturnsInstanceNotFound_AndRecordsNothing()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var unknown = InstanceIds.New();

        Assert.Equal(RaiseEventResult.InstanceNotFound, await hub.Client.RaiseEventAsync(unknown, WaitEvents.Approve, Json(1)));
        Assert.Equal(RaiseEventResult.InstanceNotFound, await hub.Client.RaiseEventAsync(unknown, WaitEvents.Approve, Json(1), eventKey: "k-1"));
        Assert.Equal(RaiseEventResult.InstanceNotFound, await hub.Client.RaiseEventAsync("not an id", WaitEvents.Approve, null));

        Assert.Empty(await hub.ReadEventsAsync(unknown));
        Assert.Equal(0, await hub.QueueLengthAsync());
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/key")]
    [InlineData("hash#key")]
    [InlineData("quote'key")]
    [InlineData("ünïcode")]
    public async Task RaiseEventAsync_InvalidEventKey_ThrowsArgumentException_BeforeAnyLookup(string eventKey)
    {
        await using var hub = new TestTaskHub(azurite, output);
        var id = (await hub.Client.StartAsync(OrchestrationNames.WaitEvent, null)).InstanceId;

        var thrown = await Assert.ThrowsAsync<ArgumentException>(() => hub.Client.RaiseEventAsync(id, WaitEvents.Approve, Json(1), eventKey));

        Assert.Equal("eventKey", thrown.ParamName);
        Assert.Empty(await hub.ReadEventsAsync(id));
    }

    [Fact]
    public async Task RaiseEventAsync_KeyLengthAndEventName_AreValidated()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var id = (await hub.Client.StartAsync(OrchestrationNames.WaitEvent, null)).InstanceId;

        Assert.Equal(RaiseEventResult.Accepted, await hub.Client.RaiseEventAsync(id, WaitEvents.Approve, Json(1), new string('k', 200)));
        await Assert.ThrowsAsync<ArgumentException>(() => hub.Client.RaiseEventAsync(id, WaitEvents.Approve, Json(1), new string('k', 201)));
        await Assert.ThrowsAsync<ArgumentException>(() => hub.Client.RaiseEventAsync(id, "", Json(1)));
        await Assert.ThrowsAsync<ArgumentNullException>(() => hub.Client.RaiseEventAsync(id, null!, Json(1)));
        Assert.Equal([new string('k', 200)], (await hub.ReadEventsAsync(id)).Select(e => e.Key));
    }

    [Fact]
    public async Task PurgeAsync_InstanceWithEvents_RemovesItsEventRowsAndEventBlobs_NotThoseOfItsPartitionNeighbour()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var alice = new StartOrchestrationOptions { Owner = "alice" };
        var id = (await hub.Client.StartAsync(OrchestrationNames.WaitEvent, null, alice)).InstanceId;
        var neighbour = (await hub.Client.StartAsync(OrchestrationNames.WaitEvent, null, alice)).InstanceId;
        Assert.Equal(InstanceIds.PartitionOf(id), InstanceIds.PartitionOf(neighbour));
        Assert.Equal(RaiseEventResult.Accepted, await hub.Client.RaiseEventAsync(id, WaitEvents.Approve, Json(1), "small"));
        Assert.Equal(RaiseEventResult.Accepted, await hub.Client.RaiseEventAsync(id, "other", Json(new string('p', 40_000)), "large"));
        Assert.Equal(RaiseEventResult.Accepted, await hub.Client.RaiseEventAsync(neighbour, WaitEvents.Approve, Json(2), "small"));
        Assert.Equal(["event:large", "event:small", "instance"], await hub.InstanceRowNamesAsync(id));
        Assert.Single(await hub.PayloadBlobsAsync(id)); // the large payload

        Assert.True(await hub.Client.PurgeAsync(id));

        Assert.Empty(await hub.InstanceRowNamesAsync(id));
        Assert.Empty(await hub.PayloadBlobsAsync(id));
        Assert.Null(await hub.Client.GetAsync(id));
        Assert.Equal(RaiseEventResult.InstanceNotFound, await hub.Client.RaiseEventAsync(id, WaitEvents.Approve, Json(1), "small"));
        Assert.Empty(await hub.InstanceRowNamesAsync(id));
        Assert.False(await hub.Client.PurgeAsync(id));

        // Another instance's events (the same key, even, in the same partition) are its own.
        Assert.Equal(["event:small", "instance"], await hub.InstanceRowNamesAsync(neighbour));
    }

    private static async Task<List<string>> QueryIdsAsync(DurableClient client, InstanceQuery query)
    {
        var page = await client.QueryAsync(query);
        Assert.Null(page.ContinuationToken);
        Assert.All(page.Instances, i => Assert.Null(i.Output));
        return page.Instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal).ToList();
    }
}
