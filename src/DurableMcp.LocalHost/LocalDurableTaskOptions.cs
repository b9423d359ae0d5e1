using System.ComponentModel.DataAnnotations;

namespace DurableMcp.LocalHost;

/// <summary>
/// The local host's Durable Task engine (section <c>DurableTask</c>). Defaults match the Function App's host.json, so
/// <c>func start</c> and <c>dotnet run</c> serve the same task hub.
/// </summary>
public sealed class LocalDurableTaskOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "DurableTask";

    /// <summary>The task hub: the prefix of its queues, tables and containers (host.json <c>extensions.durableTask.hubName</c>).</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "A task hub name is 3-45 letters and digits, starting with a letter.")]
    public string HubName { get; set; } = "mcptasks";

    /// <summary>Control queues (partitions) of a new task hub; fixed once the hub exists.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>The longest an idle queue poll backs off to: the worst-case pickup delay of new work, against idle storage cost.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Run orchestrations and activities in this process. Off, the process only reads and writes the task hub (schedule,
    /// query, raise events) and other processes do the work.
    /// </summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>
    /// How long a dead process's partitions stay leased to it; another process takes them over after this. Lease renewal
    /// and acquisition attempts run at a third of it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:03", "00:05:00")]
    public TimeSpan PartitionLeaseInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a message a process took stays hidden from the others (renewed while the process works on it): after a
    /// crash, the orchestration or activity it held runs elsewhere after at most this.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The loopback port of the engine's gRPC endpoint (the Durable Task sidecar protocol the Functions host speaks to its
    /// worker); 0 picks a free one. Fixed, it lets a <c>DurableTaskClient</c> in another process (<c>UseGrpc</c>) reach
    /// this host's engine.
    /// </summary>
    [Range(0, 65535)]
    public int SidecarPort { get; set; }

    /// <summary>Orchestration episodes one process runs at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 32;

    /// <summary>Activities one process runs at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentActivities { get; set; } = 32;
}
