using System.Text.Json;
using Azure;
using Azure.Storage.Blobs.Models;
using DurableMcp.Tools.Outputs;
using Microsoft.DurableTask;

namespace DurableMcp.Tools.Etl;

/// <summary>
/// Ends a run: appends the chunks' reject parts, in chunk order, into the reject file (streamed part by part, never
/// whole in memory), deletes the parts, and writes the summary output. Both outputs are overwritten if it runs again.
/// </summary>
public sealed class FinishEtl(EtlStorage storage) : TaskActivity<FinishEtlInput, EtlOutputSizes>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public override async Task<EtlOutputSizes> RunAsync(TaskActivityContext context, FinishEtlInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var container = await storage.Outputs.ContainerAsync();
        long rejectsBytes = 0;
        if (input.Summary.Rejected > 0)
        {
            await using (var output = await storage.Outputs.OpenWriteAsync(input.TaskId, EtlStorage.RejectsName, "application/x-ndjson"))
            {
                for (var part = 0; part < input.Parts; part++)
                {
                    try
                    {
                        var download = await container.GetBlobClient(BlobTaskOutputStore.BlobName(input.TaskId, EtlStorage.RejectPartName(part))).DownloadStreamingAsync();
                        await using var stream = download.Value.Content;
                        await stream.CopyToAsync(output);
                    }
                    catch (RequestFailedException e) when (e.Status == 404)
                    {
                        // A chunk without rejects has no part.
                    }
                }
            }

            rejectsBytes = await storage.Outputs.SizeAsync(input.TaskId, EtlStorage.RejectsName);
        }

        for (var part = 0; part < input.Parts; part++)
        {
            await container.DeleteBlobIfExistsAsync(BlobTaskOutputStore.BlobName(input.TaskId, EtlStorage.RejectPartName(part)));
        }

        var summary = container.GetBlobClient(BlobTaskOutputStore.BlobName(input.TaskId, EtlStorage.SummaryName));
        var content = BinaryData.FromObjectAsJson(new { input.Summary, input.Files }, Json);
        await summary.UploadAsync(content, new Azure.Storage.Blobs.Models.BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json" } });
        return new EtlOutputSizes(content.ToMemory().Length, rejectsBytes);
    }
}
