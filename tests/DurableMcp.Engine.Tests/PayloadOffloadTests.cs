using System.Text;
using DurableMcp.Engine.Tests.Infrastructure;
using TestWorker;
using Xunit.Abstractions;
using static DurableMcp.Engine.Tests.Infrastructure.TestTaskHub;

namespace DurableMcp.Engine.Tests;

/// <summary>Guarantee: payloads larger than a table property live in blobs, and purging removes them with the row.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class PayloadOffloadTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    [Fact]
    public async Task LargeInputAndOutput_RoundTripThroughBlobs_AndPurgeAsync_RemovesRowAndBlobs()
    {
        await using var hub = new TestTaskHub(azurite, output);
        await hub.StartWorkerAsync();
        var payload = LargeText(100_000);
        var id = (await hub.Client.StartAsync(OrchestrationNames.Big, Json(new { payload, outputChars = 200_000 }))).InstanceId;

        var completed = await hub.WaitForTerminalAsync(id, TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationStatus.Completed, completed.Status);
        var result = completed.Output!.Value;
        Assert.Equal(payload, result.GetProperty("echo").GetString());
        Assert.Equal(BigPayload.Filler(payload, 200_000), result.GetProperty("filler").GetString());

        var row = await hub.InstanceRowAsync(id);
        Assert.StartsWith("blob:", row.GetString("Input"), StringComparison.Ordinal);
        Assert.StartsWith("blob:", row.GetString("Output"), StringComparison.Ordinal);
        var blobs = await hub.PayloadBlobsAsync(id);
        Assert.Contains(blobs, b => b.StartsWith($"{id}/input-", StringComparison.Ordinal));
        Assert.Contains(blobs, b => b.StartsWith($"{id}/output-", StringComparison.Ordinal));
        Assert.Contains(blobs, b => b.StartsWith($"{id}/journal-", StringComparison.Ordinal));

        Assert.True(await hub.Client.PurgeAsync(id));

        Assert.Null(await hub.Client.GetAsync(id));
        Assert.False(await hub.InstanceRowExistsAsync(id));
        Assert.Empty(await hub.PayloadBlobsAsync(id));
        Assert.False(await hub.Client.PurgeAsync(id));
    }

    [Fact]
    public async Task SmallPayloads_StayInTheRow()
    {
        await using var hub = new TestTaskHub(azurite, output);
        await hub.StartWorkerAsync();
        var id = (await hub.Client.StartAsync(OrchestrationNames.Big, Json(new { payload = "abc", outputChars = 100 }))).InstanceId;

        var completed = await hub.WaitForTerminalAsync(id, TimeSpan.FromSeconds(30));

        Assert.Equal(OrchestrationStatus.Completed, completed.Status);
        Assert.Equal(BigPayload.Filler("abc", 100), completed.Output!.Value.GetProperty("filler").GetString());
        Assert.Empty(await hub.PayloadBlobsAsync(id));
    }

    private static string LargeText(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; text.Length < length; i++)
        {
            text.Append(i.ToString("x6", System.Globalization.CultureInfo.InvariantCulture)).Append(' ');
        }

        return text.ToString(0, length);
    }
}
