using System.Text;
using Azure;
using DurableMcp.Tools.Logging;
using DurableMcp.Tools.Outputs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableMcp.Tools.Reports;

/// <summary>
/// Writes <c>report.html</c> and <c>report.md</c>: the header with the table of contents, every section's part copied in
/// order as it downloads (never a whole section in memory), and the footer. A section whose rendering failed gets a note
/// instead of its part. Both reports are replaced whole if this runs again.
/// </summary>
public sealed class StitchReport(BlobTaskOutputStore outputs, ILogger<StitchReport> logger) : TaskActivity<StitchReportInput, ReportSizes>
{
    public override async Task<ReportSizes> RunAsync(TaskActivityContext context, StitchReportInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await WriteAsync(input, ReportBlobs.HtmlName, ReportBlobs.HtmlType, "html", ReportDocument.HtmlHeader(input), ReportDocument.HtmlFooter(input), ReportDocument.HtmlFailedSection);
        await WriteAsync(input, ReportBlobs.MarkdownName, ReportBlobs.MarkdownType, "md", ReportDocument.MarkdownHeader(input), ReportDocument.MarkdownFooter(input), ReportDocument.MarkdownFailedSection);
        var sizes = new ReportSizes(await outputs.SizeAsync(input.TaskId, ReportBlobs.HtmlName), await outputs.SizeAsync(input.TaskId, ReportBlobs.MarkdownName));
        ToolsLog.ReportStitched(logger, input.TaskId, input.Sections.Count, sizes.HtmlBytes, sizes.MarkdownBytes);
        return sizes;
    }

    private async Task WriteAsync(StitchReportInput input, string name, string contentType, string extension, string header, string footer, Func<ReportSectionResult, string> failed)
    {
        // Bytes go straight to the blob stream: no flush before the end, so its blocks stay the size of its buffer.
        await using var output = await outputs.OpenWriteAsync(input.TaskId, name, contentType, ReportBlobs.BlockBytes);
        await output.WriteAsync(Encoding.UTF8.GetBytes(header));
        foreach (var section in input.Sections)
        {
            if (section.Error is not null)
            {
                await output.WriteAsync(Encoding.UTF8.GetBytes(failed(section)));
                continue;
            }

            var part = outputs.Blob(input.TaskId, ReportBlobs.PartName(section.Index + 1, extension));
            try
            {
                await using var stream = (await part.DownloadStreamingAsync()).Value.Content;
                await stream.CopyToAsync(output);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Parts are deleted only after a stitch has completed: a missing one is a fault, not a state to paper over.
                throw new InvalidOperationException($"The part of section {section.Index + 1} ({part.Name}) is missing; the report cannot be stitched.", e);
            }
        }

        await output.WriteAsync(Encoding.UTF8.GetBytes(footer));
    }
}
