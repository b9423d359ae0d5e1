using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using DurableMcp.Tasks.Outputs;
using DurableMcp.Tasks.Tools;
using Microsoft.DurableTask;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tools.Reports;

/// <summary>
/// A report from the outputs of earlier tasks as a durable tool: the orchestrator. One activity per source task renders
/// its section (HTML and Markdown parts, streamed), a few at a time (fan-out/fan-in, progress after each); one stitches
/// the parts in order into <c>report.html</c> and <c>report.md</c>; one deletes the parts. A finished section is in the
/// history, so a restarted host does not render it again; a section cut short is rendered again over its own parts.
/// </summary>
public static class GenerateReportTool
{
    /// <summary>The most source tasks (sections) one report has.</summary>
    public const int MaxSources = 50;

    /// <summary>How many times a section is tried when rendering it fails (storage, a malformed output).</summary>
    public const int Attempts = 3;

    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: Attempts, firstRetryInterval: TimeSpan.FromSeconds(1), backoffCoefficient: 2));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [McpServerTool(Name = "generate_report", Title = "Generate a report from earlier tasks", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = false)]
    [Description("Builds one report, in HTML and in Markdown, from the outputs of your earlier completed tasks: run_etl (counts, files, every rejected row " +
                 "with its reason), classify_documents (documents per category, every document with its category and confidence) and " +
                 "evaluate_repositories (the ranking with each repository's checks, and the ones that failed). One section per task, rendered " +
                 "in parallel and stitched in the order given, with a table of contents. Runs as a durable task with progress in sections; a " +
                 "source that has expired by the time its section is rendered is reported in that section. The result is a summary with links " +
                 "(resources/read; large reports in pages) to report.html and report.md. " +
                 "Example: {\"sources\":[{\"taskId\":\"<a run_etl task>\",\"title\":\"Orders load\"},{\"taskId\":\"<a classify_documents task>\"}],\"title\":\"Weekly report\"}")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<CallToolResult> GenerateAsync(
        TaskOrchestrationContext context,
        [Description("The source tasks (1-50), each {\"taskId\"} with an optional section \"title\"; each a completed run_etl, classify_documents or " +
                     "evaluate_repositories task of yours, none twice. Sections follow this order.")]
        [ReportSources][TaskSources("run_etl", "classify_documents", "evaluate_repositories")] IReadOnlyList<ReportSource> sources,
        [Description("The report's title (1-200 characters).")][StringLength(ReportSourcesAttribute.MaxTitleLength, MinimumLength = 1)] string title = "Report",
        [Description("Sections rendered at the same time (1-8).")][Range(1, 8)] int parallelism = 4)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(sources);
        var inputs = sources.Select((s, i) => new RenderReportSectionInput(context.InstanceId, i, s.TaskId!, s.Title)).ToList();
        var done = 0;
        context.SetStatusMessage(Progress(0, inputs.Count));
        var sections = await context.FanOutAsync<RenderReportSectionInput, ReportSectionResult>(
            nameof(RenderReportSection),
            inputs,
            parallelism,
            Retry,
            (_, _) => context.SetStatusMessage(Progress(++done, inputs.Count)),
            (i, failure) => ReportSectionResult.Failed(i, inputs[i].SourceTaskId, inputs[i].Title ?? $"Task {inputs[i].SourceTaskId}",
                $"failed {Attempts} times, last: {failure.FailureDetails.ErrorMessage}"));

        context.SetStatusMessage(Progress(inputs.Count, inputs.Count) + "; stitching the report");
        var sizes = await context.CallActivityAsync<ReportSizes>(nameof(StitchReport), new StitchReportInput(context.InstanceId, title, context.CurrentUtcDateTime, sections), Retry);
        await context.CallActivityAsync<int>(nameof(DeleteReportParts), new DeleteReportPartsInput(context.InstanceId, inputs.Count), Retry);

        var unavailable = sections.Count(s => s.Unavailable is not null || s.Error is not null);
        var summary = new ReportSummary(
            title,
            sections.Length,
            sections.Length - unavailable,
            unavailable,
            sizes.HtmlBytes,
            sizes.MarkdownBytes,
            [.. sections.Select(s => new ReportSectionSummary(s.Index + 1, s.Title, s.SourceTaskId, s.Tool, s.Rows, s.Counts, s.Error ?? s.Unavailable))],
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["html"] = TaskOutputUri.For(context.InstanceId, ReportBlobs.HtmlName),
                ["markdown"] = TaskOutputUri.For(context.InstanceId, ReportBlobs.MarkdownName),
            });
        var element = JsonSerializer.SerializeToElement(summary, Json);
        context.SetStatusMessage(string.Create(CultureInfo.InvariantCulture, $"{sections.Length:N0} / {inputs.Count:N0} sections rendered, {unavailable:N0} unavailable; report written"));
        return new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = element.GetRawText() },
                TaskOutputLinks.For(context.InstanceId, ReportBlobs.HtmlName, ReportBlobs.HtmlType, sizes.HtmlBytes,
                    "The report as one HTML page: contents, then one section per source task with its tables."),
                TaskOutputLinks.For(context.InstanceId, ReportBlobs.MarkdownName, ReportBlobs.MarkdownType, sizes.MarkdownBytes,
                    "The same report in Markdown."),
            ],
            StructuredContent = element,
        };
    }

    private static string Progress(int done, int total) => string.Create(CultureInfo.InvariantCulture, $"{done:N0} / {total:N0} sections rendered");
}
