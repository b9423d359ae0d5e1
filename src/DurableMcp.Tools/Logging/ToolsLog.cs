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
}
