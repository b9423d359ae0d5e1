namespace DurableMcp.Tools.Repositories;

/// <summary>One repository to evaluate, with its position in the caller's list.</summary>
/// <param name="Index">Its position in the caller's list (0-based).</param>
/// <param name="Source">Where it comes from.</param>
public sealed record EvaluateRepositoryInput(int Index, RepositorySource Source);
