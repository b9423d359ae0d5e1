using Microsoft.DurableTask;

namespace DurableMcp.Tools.Documents;

/// <summary>True when the named output blob already exists.</summary>
public sealed class CheckOutputExists(DocumentBlobs blobs) : TaskActivity<string, bool>
{
    public override async Task<bool> RunAsync(TaskActivityContext context, string input) =>
        await (await blobs.OutputAsync()).GetBlobClient(input).ExistsAsync();
}
