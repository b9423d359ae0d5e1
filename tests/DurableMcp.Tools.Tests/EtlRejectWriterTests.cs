using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using DurableMcp.Testing;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tools.Etl;
using DurableMcp.Tools.Outputs;

namespace DurableMcp.Tools.Tests;

public sealed class EtlRejectWriterTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    [Fact]
    public async Task Write_ManyRejects_StagesBlocksByBufferNotByRow()
    {
        const int Rejects = 2_000;
        var blobs = azurite.CreateBlobServiceClient();
        var outputs = new BlobTaskOutputStore(blobs);
        var storage = new EtlStorage(blobs, new TableServiceClient(azurite.ConnectionString), outputs);
        var taskId = TaskIds.New();

        await using (var writer = new EtlRejectWriter(storage, taskId, part: 3))
        {
            for (var row = 1; row <= Rejects; row++)
            {
                await writer.WriteAsync("orders/a.csv", row, "amount: not a number", $"{row},north,x,2");
            }

            Assert.Equal(Rejects, writer.Count);
            await writer.CompleteAsync();
        }

        var blob = (await outputs.ContainerAsync()).GetBlockBlobClient(BlobTaskOutputStore.BlobName(taskId, EtlStorage.RejectPartName(3)));
        var blocks = (await blob.GetBlockListAsync(BlockListTypes.Committed)).Value.CommittedBlocks.Count();
        Assert.InRange(blocks, 1, 2);

        var lines = (await blob.DownloadContentAsync()).Value.Content.ToString().Split('\n');
        Assert.Equal(Rejects + 1, lines.Length);
        Assert.Equal("", lines[^1]);
        var last = JsonNode.Parse(lines[^2])!;
        Assert.Equal(Rejects, last["row"]!.GetValue<long>());
        Assert.Equal($"{Rejects},north,x,2", last["record"]!.GetValue<string>());
    }
}
