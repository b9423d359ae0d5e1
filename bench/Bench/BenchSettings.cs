using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>What to run; every count is bounded so the whole run stays within a few minutes on two cores.</summary>
internal sealed record BenchSettings
{
    /// <summary>
    /// Rounds (create, get, list) before the timed calls. Creation latency keeps falling for several hundred calls on two
    /// cores (tiered JIT of the server, Azurite's own warm-up), so the timed calls measure a server in steady operation.
    /// </summary>
    public int WarmupCalls { get; init; } = 1000;

    public int LatencyCalls { get; init; } = 300;

    /// <summary>Tasks in each throughput backlog.</summary>
    public int Backlog { get; init; } = 600;

    /// <summary>Concurrent callers creating a backlog (creation is not timed there).</summary>
    public int BacklogCallers { get; init; } = 4;

    public int StepsPerTask { get; init; } = 3;

    /// <summary>Concurrency of the raw storage load: the worker's default MaxConcurrentOrchestrations.</summary>
    public int RawConcurrency { get; init; } = 32;

    public TimeSpan RawDuration { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Where Azurite's temporary data directory goes (its queue fsyncs every message, so the disk matters).</summary>
    public string AzuriteDataParent { get; init; } = Path.GetTempPath();

    /// <summary>The whole run is cancelled after this long, whatever happens.</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(10);

    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var settings = new BenchSettings();
        for (var i = 0; i < args.Count; i++)
        {
            var value = i + 1 < args.Count ? args[i + 1] : throw Usage($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--warmup" => settings with { WarmupCalls = Bounded(value, 0, 5000) },
                "--latency-calls" => settings with { LatencyCalls = Bounded(value, 10, 5000) },
                "--backlog" => settings with { Backlog = Bounded(value, 10, 5000) },
                "--raw-seconds" => settings with { RawDuration = TimeSpan.FromSeconds(Bounded(value, 1, 60)) },
                "--azurite-data" => settings with { AzuriteDataParent = Directory.Exists(value) ? value : throw Usage($"no directory '{value}'") },
                _ => throw Usage($"unknown option {args[i]}"),
            };
            i++;
        }

        return settings;
    }

    private static int Bounded(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Usage($"'{value}' is not a whole number in {min}..{max}");

    private static ArgumentException Usage(string problem) => new(
        $"{problem}. Usage: dotnet run -c Release --project bench/Bench [-- --warmup N] [--latency-calls N] [--backlog N] [--raw-seconds N] [--azurite-data DIR]");
}
