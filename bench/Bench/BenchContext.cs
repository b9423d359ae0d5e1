using System.Diagnostics;
using DurableMcp.DevStorage;

namespace DurableMcp.Bench;

/// <summary>What every phase shares: the settings, the HTTP client, the one Azurite, and the progress log.</summary>
internal sealed class BenchContext(BenchSettings settings, HttpClient http, Process azurite, AzuritePorts azuritePorts)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public BenchSettings Settings { get; } = settings;

    public HttpClient Http { get; } = http;

    public Process Azurite { get; } = azurite;

    /// <summary>Azurite's own ports; processes get a <see cref="StorageProxy"/> in front of them instead.</summary>
    public AzuritePorts AzuritePorts { get; } = azuritePorts;

    /// <summary>A connection string straight to Azurite (not counted): for the bench's own setup, such as documents.</summary>
    public string DirectConnectionString => AzuriteLauncher.ConnectionString(AzuritePorts);

    public CpuSample Cpu(IEnumerable<ServerProcess> servers) => CpuSample.Take(Azurite, servers);

    /// <summary>A progress line on stderr, with the time since the run started.</summary>
    public void Progress(string message) =>
        Console.Error.WriteLine($"[{Stopwatch.GetElapsedTime(_started).TotalSeconds,6:0.0} s] {message}");
}
