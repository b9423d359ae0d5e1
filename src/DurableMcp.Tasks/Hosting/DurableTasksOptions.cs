using System.ComponentModel.DataAnnotations;

namespace DurableMcp.Tasks.Hosting;

/// <summary>Configuration of the MCP task layer (section <c>McpTasks</c>).</summary>
public sealed class DurableTasksOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "McpTasks";

    /// <summary>How long a task lives after creation; after that it is unknown and purged.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan DefaultTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>The longest time to live a client may ask for; longer requests are clamped to it.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00")]
    public TimeSpan MaxTtl { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Unfinished tasks one caller may have at once; the next call is refused until one ends.</summary>
    [Range(1, 100_000)]
    public int MaxUnfinishedTasksPerCaller { get; set; } = 50;

    /// <summary>The largest <c>tools/call</c> arguments a durable tool accepts, in bytes of JSON.</summary>
    [Range(16, 16 * 1024 * 1024)]
    public int MaxArgumentBytes { get; set; } = 256 * 1024;

    /// <summary>Tasks per <c>tasks/list</c> page (2025-11-25 clients).</summary>
    [Range(1, 1000)]
    public int ListPageSize { get; set; } = 50;

    /// <summary>How often the local host's janitor purges expired tasks (the Function App's timer trigger fires every five minutes).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The poll interval suggested to clients.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Task ids one <c>subscriptions/listen</c> stream may watch; a listen naming more distinct ids is refused (-32602).</summary>
    [Range(1, 1000)]
    public int MaxWatchedTasksPerStream { get; set; } = 100;

    /// <summary>
    /// <c>subscriptions/listen</c> streams one caller may hold open on one server instance at once; the next is refused
    /// (-32006) until one ends.
    /// </summary>
    [Range(1, 10_000)]
    public int MaxStreamsPerCaller { get; set; } = 5;

    /// <summary>
    /// How often a stream's watcher reads its unfinished tasks from Durable Functions: one status read per task per
    /// interval (and a full read only for a task that changed).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan StreamPollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An SSE comment is written to a stream that has been quiet this long, so proxies keep it open.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan StreamKeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// How long a <c>subscriptions/listen</c> stream stays open before the server ends it with its final response (the
    /// client listens again). Below the 230-second limit Azure Functions puts on an HTTP response (Flex Consumption).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxStreamDuration { get; set; } = TimeSpan.FromSeconds(200);

    /// <summary>
    /// The longest one call to task storage may take before the request is answered "storage unavailable, retry" (HTTP
    /// 503). Storage that refuses connections fails sooner (its client's own retries take about 6 s); this bounds storage
    /// that accepts connections but does not answer. Well above a healthy call (tens of milliseconds).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan StorageTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The most bytes one <c>resources/read</c> answer carries of a task output, counted as the JSON string the SDK
    /// answers with (markup escaped to six bytes a character), so the answer and the server's buffers stay near this
    /// size whatever the text; a larger output is read in pages (<c>task://{taskId}/{name}?offset=…</c>).
    /// </summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxResourceReadBytes { get; set; } = 4 * 1024 * 1024;
}
