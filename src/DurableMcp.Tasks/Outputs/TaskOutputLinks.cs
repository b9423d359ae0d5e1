using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Outputs;

/// <summary>
/// The <c>resource_link</c> content a long tool puts in its result for each output file, next to a small structured
/// summary: the client reads the file through <c>resources/read</c> when (and if) it needs it, instead of the whole file
/// riding in the task's result. Pure (no I/O), so orchestrators can call it.
/// </summary>
public static class TaskOutputLinks
{
    /// <summary>A link to output <paramref name="name"/> of task <paramref name="taskId"/>.</summary>
    /// <param name="taskId">The task (the orchestration instance id).</param>
    /// <param name="name">The output's name within the task, for example <c>summary.json</c>.</param>
    /// <param name="mimeType">Its content type.</param>
    /// <param name="sizeBytes">Its size, so a client can decide whether to read it whole or in pages.</param>
    /// <param name="description">What it holds, for the model.</param>
    public static ResourceLinkBlock For(string taskId, string name, string mimeType, long sizeBytes, string description) => new()
    {
        Uri = TaskOutputUri.For(taskId, name),
        Name = name,
        MimeType = mimeType,
        Size = sizeBytes,
        Description = description,
    };
}
