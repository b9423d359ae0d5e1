using Azure.Data.Tables;

namespace TestWorker;

/// <summary>
/// A log of step executions, kept apart from the engine's own storage so the tests can see what really ran: a step
/// body adds one row each time it executes (a replayed step adds none). Table <c>{taskHub}stepruns</c>, one partition
/// per instance. Linked into the test project, which reads what the worker writes.
/// </summary>
internal sealed class StepLog(string connectionString, string taskHub)
{
    private const string StepColumn = "Step";
    private const string ProcessIdColumn = "ProcessId";

    private readonly TableClient _table = new(connectionString, taskHub + "stepruns");
    private volatile bool _created;

    public async Task AppendAsync(string instanceId, int step, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var entity = new TableEntity(instanceId, Guid.NewGuid().ToString("N"))
        {
            [StepColumn] = step,
            [ProcessIdColumn] = Environment.ProcessId,
        };
        await _table.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>Every logged execution, of one instance or (when <paramref name="instanceId"/> is null) of the whole hub.</summary>
    public async Task<IReadOnlyList<StepRun>> ReadAsync(string? instanceId = null, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken);
        var filter = instanceId is null ? null : TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}");
        var runs = new List<StepRun>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            runs.Add(new StepRun(
                entity.PartitionKey,
                entity.GetInt32(StepColumn) ?? throw new InvalidDataException($"Step run {entity.RowKey} has no step."),
                entity.GetInt32(ProcessIdColumn) ?? throw new InvalidDataException($"Step run {entity.RowKey} has no process id.")));
        }

        return runs;
    }

    private async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        // Racing first callers may both create; CreateIfNotExists makes that harmless.
        if (!_created)
        {
            await _table.CreateIfNotExistsAsync(cancellationToken);
            _created = true;
        }
    }
}
