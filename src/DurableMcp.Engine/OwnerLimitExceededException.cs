namespace DurableMcp.Engine;

/// <summary>
/// A start was refused: the owner already has <see cref="Unfinished"/> unfinished instances, as many as
/// <see cref="StartOrchestrationOptions.MaxUnfinishedForOwner"/> allows. Nothing of the refused start remains.
/// </summary>
public sealed class OwnerLimitExceededException(string owner, int unfinished)
    : Exception($"'{owner}' has {unfinished} unfinished instances, the most allowed.")
{
    /// <summary>Whose start was refused.</summary>
    public string Owner { get; } = owner;

    /// <summary>The owner's unfinished instances, not counting the refused one.</summary>
    public int Unfinished { get; } = unfinished;
}
