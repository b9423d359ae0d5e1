using System.Text.Json;
using DurableMcp.Tasks.Sources;

namespace DurableMcp.Tools.Reports;

/// <summary>Renders the section of one kind of source task (one tool's outputs) into a report.</summary>
internal interface ISectionRenderer
{
    /// <summary>The source tool this renders.</summary>
    string Tool { get; }

    /// <summary>The section's title when the caller gave none, from the source's result.</summary>
    string DefaultTitle(JsonElement summary);

    /// <summary>
    /// Writes the section's body (after its heading), reading the source's outputs streamed. Throws
    /// <see cref="SourceOutputMissingException"/> when an output the result promises is gone.
    /// </summary>
    Task<SectionBody> RenderAsync(ReportPartWriter writer, TaskSource source, JsonElement summary, CancellationToken cancellationToken = default);
}
