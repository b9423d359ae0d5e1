using DurableMcp.Engine.Client;
using DurableMcp.Engine.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using TestWorker;
using Xunit.Abstractions;
using static DurableMcp.Engine.Tests.Infrastructure.TestTaskHub;

namespace DurableMcp.Engine.Tests;

/// <summary>Guarantee (bounded storage): expired instances disappear for readers at once and are purged by TTL.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ExpiryTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task PurgeExpiredAsync_PurgesOnlyExpiredInstances_InBoundedBatches()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var services = hub.CreateClientServices(time);
        var client = services.GetRequiredService<DurableClient>();
        var oneHour = new StartOrchestrationOptions { TimeToLive = TimeSpan.FromHours(1) };
        var largeInput = Json(new { payload = new string('x', 20_000) });
        var expiring = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            expiring.Add((await client.StartAsync(OrchestrationNames.Big, largeInput, oneHour)).InstanceId);
        }

        var kept = (await client.StartAsync(OrchestrationNames.Steps, null)).InstanceId;
        var later = (await client.StartAsync(OrchestrationNames.Steps, null, new StartOrchestrationOptions { TimeToLive = TimeSpan.FromHours(3) })).InstanceId;
        foreach (var id in expiring)
        {
            Assert.NotEmpty(await hub.PayloadBlobsAsync(id));
        }

        time.Advance(TimeSpan.FromHours(2));

        foreach (var id in expiring)
        {
            Assert.Null(await client.GetAsync(id));
        }

        Assert.Equal(2, await client.PurgeExpiredAsync(maxInstances: 2));
        Assert.Equal(1, await client.PurgeExpiredAsync(maxInstances: 2));
        Assert.Equal(0, await client.PurgeExpiredAsync());
        foreach (var id in expiring)
        {
            Assert.False(await hub.InstanceRowExistsAsync(id));
            Assert.Empty(await hub.PayloadBlobsAsync(id));
        }

        Assert.True(await hub.InstanceRowExistsAsync(kept));
        Assert.Equal(OrchestrationStatus.Pending, (await client.GetAsync(later))?.Status);
    }

    [Fact]
    public async Task WorkerProcess_PurgesExpiredInstances_WithoutRunningThem()
    {
        await using var hub = new TestTaskHub(azurite, output);
        var id = (await hub.Client.StartAsync(OrchestrationNames.Steps, Json(new { steps = 1 }), new StartOrchestrationOptions { TimeToLive = TimeSpan.FromSeconds(1) })).InstanceId;
        await Eventually.Async(async () => await hub.Client.GetAsync(id) is null, TimeSpan.FromSeconds(10), "the instance to expire");
        Assert.True(await hub.InstanceRowExistsAsync(id));

        await hub.StartWorkerAsync(new Dictionary<string, string> { ["DurableEngine__PurgeInterval"] = "00:00:01" });

        await Eventually.Async(async () => !await hub.InstanceRowExistsAsync(id), TimeSpan.FromSeconds(20), "the worker's janitor to purge the expired row");
        await Eventually.Async(hub.QueueLengthAsync, n => n == 0, TimeSpan.FromSeconds(20), "the expired instance's message to be dropped");
        Assert.Empty(await hub.StepLog.ReadAsync(id));
    }
}
