namespace DurableMcp.Bench;

/// <summary>One drain of a backlog by a number of worker processes, and the storage requests it took.</summary>
/// <param name="Workers">Worker processes that drained the backlog.</param>
/// <param name="Tasks">Tasks in the backlog.</param>
/// <param name="Completed">Of those, how many ended Completed.</param>
/// <param name="SteadyTasksPerSecond">Completions per second between the 20th-percentile and the last completion time.</param>
/// <param name="ReadySeconds">From starting the workers until all answered /healthz.</param>
/// <param name="DrainedSeconds">From starting the workers until the bench saw every task finished.</param>
/// <param name="CreationOperations">The front server's storage requests while it created the backlog.</param>
/// <param name="WorkerOperations">The workers' storage requests from their start until the backlog was drained.</param>
/// <param name="Cpu">CPU per task from the workers' readiness to the drain.</param>
/// <param name="CompletionsPerSecond">Completions in each second after the first.</param>
/// <param name="Mix">This run's storage requests per task, rounded, as the raw load replays them.</param>
/// <param name="RawDrain">The workers' share of <paramref name="Mix"/> done directly with the SDK right after this drain.</param>
internal sealed record ThroughputResult(
    int Workers,
    int Tasks,
    int Completed,
    double SteadyTasksPerSecond,
    double ReadySeconds,
    double DrainedSeconds,
    OperationCounts CreationOperations,
    OperationCounts WorkerOperations,
    DrainCpu Cpu,
    IReadOnlyList<int> CompletionsPerSecond,
    StorageMix Mix,
    RawRate RawDrain)
{
    public OperationCounts AllOperations => CreationOperations.Plus(WorkerOperations);

    public double OperationsPerTask => AllOperations.Total / (double)Tasks;

    public double WorkerOperationsPerTask => WorkerOperations.Total / (double)Tasks;
}
