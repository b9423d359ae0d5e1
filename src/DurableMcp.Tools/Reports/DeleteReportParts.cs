using DurableMcp.Tools.Logging;
using DurableMcp.Tools.Outputs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableMcp.Tools.Reports;

/// <summary>Deletes the sections' parts once the report is stitched; parts already gone are skipped, so it can run again.</summary>
public sealed class DeleteReportParts(BlobTaskOutputStore outputs, ILogger<DeleteReportParts> logger) : TaskActivity<DeleteReportPartsInput, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, DeleteReportPartsInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var deleted = 0;
        for (var number = 1; number <= input.Sections; number++)
        {
            foreach (var extension in new[] { "html", "md" })
            {
                if ((await outputs.Blob(input.TaskId, ReportBlobs.PartName(number, extension)).DeleteIfExistsAsync()).Value)
                {
                    deleted++;
                }
            }
        }

        ToolsLog.ReportPartsDeleted(logger, input.TaskId, deleted);
        return deleted;
    }
}
