namespace DurableMcp.Tools.Repositories;

/// <summary>The end of a run: the table and the ranking to write.</summary>
/// <param name="TaskId">The task.</param>
/// <param name="Evaluations">Every repository's row, in the caller's order.</param>
public sealed record WriteRepositoryReportInput(string TaskId, IReadOnlyList<RepositoryEvaluation> Evaluations);
