using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Azure.Core;

namespace DurableMcp.Engine.Hosting;

/// <summary>Configuration of the durable engine (section <c>DurableEngine</c>).</summary>
public sealed class DurableEngineOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "DurableEngine";

    /// <summary>Prefix of the table, queue and container names; lowercase letters and digits, 3-40 characters.</summary>
    [Required, RegularExpression("^[a-z][a-z0-9]{2,39}$", ErrorMessage = "TaskHub must be 3-40 lowercase letters or digits, starting with a letter.")]
    public string TaskHub { get; set; } = "mcptasks";

    /// <summary>
    /// A storage connection string. Ignored when <see cref="AccountName"/> or the service URIs are set.
    /// Defaults to the local emulator (Azurite).
    /// </summary>
    public string? ConnectionString { get; set; } = "UseDevelopmentStorage=true";

    /// <summary>A storage account name; when set, endpoints are derived from it and <c>DefaultAzureCredential</c> authenticates.</summary>
    public string? AccountName { get; set; }

    /// <summary>Explicit blob endpoint (with <c>DefaultAzureCredential</c>); overrides <see cref="AccountName"/>.</summary>
    public Uri? BlobServiceUri { get; set; }

    /// <summary>Explicit queue endpoint (with <c>DefaultAzureCredential</c>); overrides <see cref="AccountName"/>.</summary>
    public Uri? QueueServiceUri { get; set; }

    /// <summary>Explicit table endpoint (with <c>DefaultAzureCredential</c>); overrides <see cref="AccountName"/>.</summary>
    public Uri? TableServiceUri { get; set; }

    /// <summary>Whether this process polls the work queue itself. Off when another driver (separate workers, a queue trigger) runs the work.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>Orchestrations one process runs at once.</summary>
    [Range(1, 1000)]
    public int MaxConcurrentOrchestrations { get; set; } = 32;

    /// <summary>
    /// How long a worker owns an instance (and its message stays invisible) without renewing. A crashed worker's
    /// instance is picked up by another worker after at most this long. Renewed every third of it while a step runs.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:02", "01:00:00")]
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a running instance checks whether another process cancelled it (one row read each time).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan CancellationCheckInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs of one instance that may end abnormally (a crash, a lost lease) before it is failed as poison.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The longest wait between polls of an idle queue; polling backs off to this.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:05:00")]
    public TimeSpan MaxPollInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often a worker process purges expired instances (a bounded batch each time).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Payloads (inputs, outputs, journals) longer than this many characters are stored as blobs.</summary>
    [Range(1024, 30_000)]
    public int MaxInlinePayloadChars { get; set; } = 16_000;

    /// <summary>How step results, inputs and outputs are serialized. Not bound from configuration.</summary>
    public JsonSerializerOptions SerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// The credential for <see cref="AccountName"/> or the service URIs; <c>DefaultAzureCredential</c> when null. A host
    /// sets it to the managed identity its own storage connection names, so both use one identity. Not bound from configuration.
    /// </summary>
    public TokenCredential? Credential { get; set; }

    /// <summary>The work queue: <c>{TaskHub}-work</c>. A host that owns the queue (a queue trigger) listens on exactly this name.</summary>
    public string WorkQueueName => TaskHub + "-work";

    /// <summary>Lets a host add pipeline policies (for example to count storage operations). Not bound from configuration.</summary>
    public Action<ClientOptions>? ConfigureClientOptions { get; set; }
}
