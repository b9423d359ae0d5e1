namespace DurableMcp.Tools.Reports;

/// <summary>An output of a source task is no longer in storage (deleted, or purged with its task): its section says so.</summary>
internal sealed class SourceOutputMissingException(string output, Exception? innerException = null)
    : Exception($"its output '{output}' is no longer in storage", innerException)
{
    /// <summary>The missing output (<c>{taskId}/{name}</c>, or <c>{container}/{blob}</c>).</summary>
    public string Output { get; } = output;
}
