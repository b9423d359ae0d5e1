using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Logging;
using DurableMcp.Tasks.Outputs;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableMcp.Tasks.Durable;

/// <summary>
/// Forgets expired tasks: what the timer-triggered function (Functions host) and the local host's timer call every
/// few minutes. Expired tasks are already unknown to every request; this frees their storage, their output files
/// (<see cref="ITaskOutputStore"/>) included: an output lives exactly as long as its task.
/// </summary>
public sealed class TaskJanitor
{
    private readonly TaskStore _store;
    private readonly DurableTasksOptions _options;
    private readonly ILogger<TaskJanitor> _logger;
    private readonly ITaskOutputStore? _outputs;

    internal TaskJanitor(TaskStore store, IOptions<DurableTasksOptions> options, ILogger<TaskJanitor> logger, ITaskOutputStore? outputs = null)
    {
        _store = store;
        _outputs = outputs;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Purges ended tasks past their time to live and terminates running ones (purged on the next pass).</summary>
    public async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken = default)
    {
        var purged = await _store.PurgeExpiredAsync(_options.DefaultTtl, _options.MaxTtl, _outputs is null ? null : DeleteOutputsAsync, cancellationToken);
        if (purged > 0)
        {
            TasksLog.ExpiredPurged(_logger, purged);
        }

        return purged;
    }

    private async Task DeleteOutputsAsync(string taskId, CancellationToken cancellationToken)
    {
        var deleted = await _outputs!.DeleteAllAsync(taskId, cancellationToken);
        if (deleted > 0)
        {
            TasksLog.OutputsDeleted(_logger, taskId, deleted);
        }
    }
}
