using Microsoft.Extensions.Logging;

namespace DurableMcp.Tools.Logging;

/// <summary>The tools' log events; EventIds 4000-4099 are reserved for them (3000-3099 are the host's) and kept here.</summary>
internal static partial class ToolsLog
{
    /// <summary>An activity of <c>run_steps</c> finished: one line per step actually executed (replays log nothing).</summary>
    [LoggerMessage(4000, LogLevel.Information, "Step {Step} of task {TaskId} ran")]
    public static partial void StepRan(ILogger logger, int step, string taskId);

    /// <summary>An activity of <c>run_etl</c> loaded a chunk: one line per chunk actually loaded (replays log nothing).</summary>
    [LoggerMessage(4020, LogLevel.Information, "Chunk {Part} of task {TaskId} loaded: {Loaded} rows, {Rejected} rejected, {Filtered} filtered")]
    public static partial void ChunkLoaded(ILogger logger, int part, string taskId, long loaded, long rejected, long filtered);

    /// <summary>An activity of <c>evaluate_repositories</c> evaluated a repository: one line per evaluation actually run (replays log nothing).</summary>
    [LoggerMessage(4040, LogLevel.Information, "Repository {Index} of task {TaskId} evaluated: {Repository} scored {Score}")]
    public static partial void RepositoryEvaluated(ILogger logger, int index, string taskId, string repository, int score);

    /// <summary>A repository of <c>evaluate_repositories</c> cannot be fetched (not found, not a repository): reported in its row, not retried.</summary>
    [LoggerMessage(4041, LogLevel.Warning, "Repository {Index} of task {TaskId} ({Repository}) cannot be evaluated: {Reason}")]
    public static partial void RepositoryUnavailable(ILogger logger, int index, string taskId, string repository, string reason);

    /// <summary>The temporary folder of a repository's checkout could not be deleted; the evaluation stands.</summary>
    [LoggerMessage(4042, LogLevel.Warning, "The work folder {Folder} of repository {Index} of task {TaskId} could not be deleted")]
    public static partial void WorkFolderNotDeleted(ILogger logger, int index, string taskId, string folder, Exception exception);

    /// <summary>An activity of <c>generate_report</c> rendered a section: one line per section actually rendered (replays log nothing).</summary>
    [LoggerMessage(4060, LogLevel.Information, "Section {Number} of task {TaskId} rendered from task {SourceTaskId}: {Rows} rows")]
    public static partial void SectionRendered(ILogger logger, int number, string taskId, string sourceTaskId, long rows);

    /// <summary>A source of <c>generate_report</c> could not be shown when its section was rendered (expired, purged, output gone): the section says so.</summary>
    [LoggerMessage(4061, LogLevel.Warning, "Section {Number} of task {TaskId}: source task {SourceTaskId} cannot be shown: {Reason}")]
    public static partial void SectionSourceUnavailable(ILogger logger, int number, string taskId, string sourceTaskId, string reason);

    /// <summary><c>generate_report</c> stitched its sections into the HTML and Markdown reports.</summary>
    [LoggerMessage(4062, LogLevel.Information, "Report of task {TaskId} stitched from {Sections} sections: {HtmlBytes} bytes of HTML, {MarkdownBytes} bytes of Markdown")]
    public static partial void ReportStitched(ILogger logger, string taskId, int sections, long htmlBytes, long markdownBytes);

    /// <summary><c>generate_report</c> deleted its section parts after the stitch.</summary>
    [LoggerMessage(4063, LogLevel.Information, "Report of task {TaskId}: {Deleted} section parts deleted")]
    public static partial void ReportPartsDeleted(ILogger logger, string taskId, int deleted);
}
