using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DurableMcp.Engine.Telemetry;

/// <summary>
/// The engine's OpenTelemetry sources: subscribe to <see cref="Name"/> for traces (one span per run and per step) and
/// metrics (instances started and ended by status, their duration, and how long work messages waited in the queue).
/// </summary>
public static class EngineTelemetry
{
    /// <summary>The name of the engine's <see cref="ActivitySource"/> and <see cref="Meter"/>.</summary>
    public const string Name = "DurableMcp.Engine";

    internal static readonly ActivitySource Source = new(Name);
    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> Started = Meter.CreateCounter<long>("durable.instances.started", description: "Instances recorded.");
    internal static readonly Counter<long> Ended = Meter.CreateCounter<long>("durable.instances.ended", description: "Instances that reached a terminal status, by status.");
    internal static readonly Histogram<double> Duration = Meter.CreateHistogram<double>("durable.instance.duration", "s", "Creation to terminal status.");
    internal static readonly Histogram<double> QueueWait = Meter.CreateHistogram<double>("durable.message.queue_wait", "s", "Time a work message waited before a worker took it.");
    internal static readonly Counter<long> Suspended = Meter.CreateCounter<long>("durable.instances.suspended", description: "Runs that ended waiting for events or timers.");

    internal static void RecordEnded(OrchestrationStatus status, DateTimeOffset createdAt, DateTimeOffset now)
    {
        var tag = new KeyValuePair<string, object?>("status", status.ToString().ToLowerInvariant());
        Ended.Add(1, tag);
        Duration.Record((now - createdAt).TotalSeconds, tag);
    }
}
