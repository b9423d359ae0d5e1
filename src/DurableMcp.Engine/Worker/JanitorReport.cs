namespace DurableMcp.Engine.Worker;

/// <summary>What one janitor pass (<see cref="HostedWorker.RunJanitorAsync"/>) did.</summary>
/// <param name="Purged">Expired instances purged.</param>
/// <param name="Requeued">Instances stranded before their first message, queued again.</param>
/// <param name="RecoveredFromPoison">Messages the host had given up on, moved back into the work queue.</param>
/// <param name="Complete">False when the time budget ran out first; the next pass continues.</param>
public sealed record JanitorReport(int Purged, int Requeued, int RecoveredFromPoison, bool Complete);
