using System.Text;
using DurableMcp.Tasks.Sources;
using DurableMcp.Tools.Documents;
using DurableMcp.Tools.Logging;
using DurableMcp.Tools.Outputs;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableMcp.Tools.Reports;

/// <summary>
/// Renders one section: reads its source task again (it may have expired or been purged since the call was checked; it
/// must still be the report owner's), then writes the section in HTML and Markdown to its two parts, streamed from the
/// source's outputs to the part blobs. A source that is no longer there is a section that says so, not a failure. The
/// parts are replaced whole when this runs again (after a crash or a retry), so a section is never in a report twice.
/// </summary>
public sealed class RenderReportSection : TaskActivity<RenderReportSectionInput, ReportSectionResult>
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly TaskSourceReader _sources;
    private readonly BlobTaskOutputStore _outputs;
    private readonly ILogger<RenderReportSection> _logger;
    private readonly IReadOnlyList<ISectionRenderer> _renderers;

    /// <summary>An activity that reads sources through <paramref name="sources"/> and their outputs from storage.</summary>
    public RenderReportSection(TaskSourceReader sources, BlobTaskOutputStore outputs, DocumentBlobs documents, ILogger<RenderReportSection> logger)
    {
        _sources = sources;
        _outputs = outputs;
        _logger = logger;
        _renderers = [new EtlSectionRenderer(outputs), new ClassificationSectionRenderer(documents), new RepositorySectionRenderer(outputs)];
    }

    public override async Task<ReportSectionResult> RunAsync(TaskActivityContext context, RenderReportSectionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var number = input.Index + 1;
        var source = await _sources.FindForTaskAsync(input.SourceTaskId, input.TaskId);
        var renderer = _renderers.FirstOrDefault(r => r.Tool == source?.Tool);
        var unavailable = source switch
        {
            null => "the task is no longer available: it has expired or was deleted.",
            _ when renderer is null => $"it is a run of '{source.Tool}', which a report does not show.",
            _ when !source.Succeeded => $"it ended {source.Status.ToString().ToLowerInvariant()} without outputs.",
            _ => null,
        };
        if (unavailable is null)
        {
            var summary = source!.StructuredContent ?? default;
            var title = input.Title ?? renderer!.DefaultTitle(summary);
            try
            {
                SectionBody? body = null;
                var (html, markdown) = await WritePartsAsync(input, async writer =>
                {
                    await writer.StartSectionAsync(number, title, $"Source: {source.Tool} task {source.TaskId}");
                    body = await renderer!.RenderAsync(writer, source, summary);
                    await writer.EndSectionAsync();
                });
                ToolsLog.SectionRendered(_logger, number, input.TaskId, source.TaskId, body!.Rows);
                return new ReportSectionResult(input.Index, source.TaskId, source.Tool, title, body.Rows, body.Counts, html, markdown);
            }
            catch (SourceOutputMissingException e)
            {
                // Written again below as a note: the torn section committed when the writers closed is replaced.
                unavailable = e.Message + ".";
            }
        }

        var fallback = input.Title ?? $"Task {input.SourceTaskId}";
        var (htmlBytes, markdownBytes) = await WritePartsAsync(input, async writer =>
        {
            await writer.StartSectionAsync(number, fallback, $"Source: task {input.SourceTaskId}");
            await writer.ParagraphAsync($"This source cannot be shown: {unavailable}");
            await writer.EndSectionAsync();
        });
        ToolsLog.SectionSourceUnavailable(_logger, number, input.TaskId, input.SourceTaskId, unavailable);
        return new ReportSectionResult(input.Index, input.SourceTaskId, source?.Tool, fallback, 0, new Dictionary<string, long>(StringComparer.Ordinal), htmlBytes, markdownBytes, unavailable);
    }

    /// <summary>Writes both parts of the section through one writer; their sizes once committed.</summary>
    private async Task<(long Html, long Markdown)> WritePartsAsync(RenderReportSectionInput input, Func<ReportPartWriter, Task> write)
    {
        var number = input.Index + 1;
        var htmlName = ReportBlobs.PartName(number, "html");
        var markdownName = ReportBlobs.PartName(number, "md");
        await using (var html = new StreamWriter(await _outputs.OpenWriteAsync(input.TaskId, htmlName, ReportBlobs.HtmlType, ReportBlobs.BlockBytes), Utf8, 64 * 1024))
        await using (var markdown = new StreamWriter(await _outputs.OpenWriteAsync(input.TaskId, markdownName, ReportBlobs.MarkdownType, ReportBlobs.BlockBytes), Utf8, 64 * 1024))
        {
            await write(new ReportPartWriter(html, markdown));
        }

        return (await _outputs.SizeAsync(input.TaskId, htmlName), await _outputs.SizeAsync(input.TaskId, markdownName));
    }
}
