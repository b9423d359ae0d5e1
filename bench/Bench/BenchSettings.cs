using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>What to run. The defaults take 7 to 10 minutes on two cores, with the machine's other load; <c>--quick</c> about 2.</summary>
internal sealed record BenchSettings
{
    /// <summary>The settings of <c>--quick</c>: every phase, fewer rounds, two polling settings, a short idle window.</summary>
    public static readonly BenchSettings Quick = new()
    {
        IsQuick = true,
        WarmupRounds = 20,
        LatencyCalls = 50,
        CompletionRounds = 8,
        ThroughputTasks = 30,
        ThroughputRounds = 1,
        ResumeRoundsAtOnce = 3,
        ResumeRoundsAfterIdle = 1,
        IdleWindow = TimeSpan.FromSeconds(15),
        PollingIntervals = [TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(1)],
        LoadDuration = TimeSpan.FromSeconds(20),
        Deadline = TimeSpan.FromMinutes(5),
    };

    public bool IsQuick { get; init; }

    /// <summary>
    /// The phases to run; all but <c>load</c> by default. With fewer, only the progress lines report (for working on one
    /// phase); <c>load</c> prints its own report whenever it runs.
    /// </summary>
    public IReadOnlySet<string> Phases { get; init; } = AllPhases;

    /// <summary>The phases that compare the MCP layer with the raw client: the default run.</summary>
    public static readonly IReadOnlySet<string> AllPhases = new HashSet<string>(["latency", "owner", "completion", "throughput", "polling"], StringComparer.Ordinal);

    /// <summary>Sustained load (<c>--phases load</c>): a run of its own, about as long as <see cref="LoadDuration"/> plus a minute.</summary>
    public const string LoadPhaseName = "load";

    /// <summary>Pushed task status (<c>--phases push</c>): progress lines only, not yet in the report's tables.</summary>
    public const string PushPhaseName = "push";

    /// <summary>Quiet tasks one <c>subscriptions/listen</c> stream watches in the push phase while its storage requests are counted.</summary>
    public int PushWatchedTasks { get; init; } = 20;

    /// <summary>Answered questions timed in the push phase, each from the change Durable Functions recorded to its notification.</summary>
    public int PushRounds { get; init; } = 20;

    /// <summary>run_etl against a plain loop (<c>--phases etl</c>): progress lines only, not in the report's tables.</summary>
    public const string EtlPhaseName = "etl";

    /// <summary>Generated rows the etl phase loads, each way (run_etl, then a plain loop).</summary>
    public int EtlRows { get; init; } = 1_000_000;

    /// <summary>run_etl's chunkRows and parallelism in the etl phase; the plain loop keeps as many transactions in flight.</summary>
    public int EtlChunkRows { get; init; } = 10_000;

    public int EtlParallelism { get; init; } = 4;

    /// <summary>Etl rounds; each loads the rows once each way, run_etl first in odd rounds, the plain loop first in even ones.</summary>
    public int EtlRounds { get; init; } = 2;

    /// <summary>evaluate_repositories against a plain loop (<c>--phases repos</c>): progress lines only, not in the report's tables.</summary>
    public const string RepositoriesPhaseName = "repos";

    /// <summary>Generated Git repositories the repos phase evaluates, each way.</summary>
    public int RepositoriesCount { get; init; } = 200;

    /// <summary>evaluate_repositories' parallelism in the repos phase; the plain loop evaluates as many at once.</summary>
    public int RepositoriesParallelism { get; init; } = 4;

    /// <summary>Repos rounds; each evaluates the repositories once each way, alternating which side goes first.</summary>
    public int RepositoriesRounds { get; init; } = 2;

    /// <summary>
    /// Azurite keeps its data in memory (<c>--azurite-in-memory</c>): its disk-backed table store rewrites its whole file
    /// every few seconds, which dominates once tables hold hundreds of thousands of rows (the 1,000,000-row etl phase).
    /// </summary>
    public bool AzuriteInMemory { get; init; }

    /// <summary>Rounds of every latency operation, both ways, before the timed ones (JIT tiering, connection pools).</summary>
    public int WarmupRounds { get; init; } = 200;

    /// <summary>Timed create and get calls, each way.</summary>
    public int LatencyCalls { get; init; } = 300;

    /// <summary>Timed create -> completed rounds of a 1-activity task, each way.</summary>
    public int CompletionRounds { get; init; } = 30;

    /// <summary>Tasks in each throughput batch.</summary>
    public int ThroughputTasks { get; init; } = 60;

    /// <summary>Throughput rounds; each is one batch each way (raw, MCP, then MCP, raw, ...).</summary>
    public int ThroughputRounds { get; init; } = 2;

    /// <summary>Concurrent callers creating a throughput batch.</summary>
    public int ThroughputCallers { get; init; } = 4;

    /// <summary>Questions answered through MCP as soon as they show, per polling setting.</summary>
    public int ResumeRoundsAtOnce { get; init; } = 5;

    /// <summary>Questions answered after the host went idle, each way, per polling setting.</summary>
    public int ResumeRoundsAfterIdle { get; init; } = 3;

    /// <summary>How long an idle host's storage requests are counted.</summary>
    public TimeSpan IdleWindow { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The <c>maxQueuePollingInterval</c> settings compared; one server each.</summary>
    public IReadOnlyList<TimeSpan> PollingIntervals { get; init; } =
        [TimeSpan.FromSeconds(0.25), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)];

    /// <summary>Concurrent callers of the load phase, each with its own identity.</summary>
    public int LoadCallers { get; init; } = 8;

    /// <summary>How long the load phase's callers keep going.</summary>
    public TimeSpan LoadDuration { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Where Azurite's temporary data directory goes (its queue writes every message to disk).</summary>
    public string AzuriteDataParent { get; init; } = Path.GetTempPath();

    /// <summary>The whole run is cancelled after this long, whatever happens (120 minutes with the etl phase, unless given).</summary>
    public TimeSpan Deadline { get; init; } = TimeSpan.FromMinutes(15);

    public static BenchSettings Parse(IReadOnlyList<string> args)
    {
        var settings = args.Contains("--quick") ? Quick : new BenchSettings();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == "--quick")
            {
                continue;
            }

            if (args[i] == "--azurite-in-memory")
            {
                settings = settings with { AzuriteInMemory = true };
                continue;
            }

            var value = i + 1 < args.Count ? args[i + 1] : throw Usage($"{args[i]} needs a value");
            settings = args[i] switch
            {
                "--warmup" => settings with { WarmupRounds = Bounded(value, 0, 5000) },
                "--latency-calls" => settings with { LatencyCalls = Bounded(value, 10, 5000) },
                "--completion-rounds" => settings with { CompletionRounds = Bounded(value, 2, 1000) },
                "--tasks" => settings with { ThroughputTasks = Bounded(value, 10, 2000) },
                "--rounds" => settings with { ThroughputRounds = Bounded(value, 1, 10) },
                "--callers" => settings with { ThroughputCallers = Bounded(value, 1, 32) },
                "--resume-at-once" => settings with { ResumeRoundsAtOnce = Bounded(value, 1, 100) },
                "--resume-after-idle" => settings with { ResumeRoundsAfterIdle = Bounded(value, 1, 20) },
                "--idle-seconds" => settings with { IdleWindow = TimeSpan.FromSeconds(Bounded(value, 5, 600)) },
                "--intervals" => settings with { PollingIntervals = Intervals(value) },
                "--azurite-data" => settings with { AzuriteDataParent = Directory.Exists(value) ? value : throw Usage($"no directory '{value}'") },
                "--deadline-minutes" => settings with { Deadline = TimeSpan.FromMinutes(Bounded(value, 1, 120)) },
                "--phases" => settings with { Phases = PhaseList(value) },
                "--load-callers" => settings with { LoadCallers = Bounded(value, 1, 64) },
                "--load-seconds" => settings with { LoadDuration = TimeSpan.FromSeconds(Bounded(value, 10, 3600)) },
                "--etl-rows" => settings with { EtlRows = Bounded(value, 100, 10_000_000) },
                "--etl-chunk-rows" => settings with { EtlChunkRows = Bounded(value, 10, 1_000_000) },
                "--etl-parallelism" => settings with { EtlParallelism = Bounded(value, 1, 16) },
                "--etl-rounds" => settings with { EtlRounds = Bounded(value, 1, 10) },
                "--repos-count" => settings with { RepositoriesCount = Bounded(value, 1, 500) },
                "--repos-parallelism" => settings with { RepositoriesParallelism = Bounded(value, 1, 16) },
                "--repos-rounds" => settings with { RepositoriesRounds = Bounded(value, 1, 10) },
                _ => throw Usage($"unknown option {args[i]}"),
            };
            i++;
        }

        // A million rows each way takes many minutes per side on two cores: the etl phase gets the longest deadline unless one is given.
        return settings.Phases.Contains(EtlPhaseName) && !args.Contains("--deadline-minutes") ? settings with { Deadline = TimeSpan.FromMinutes(120) } : settings;
    }

    private static int Bounded(string value, int min, int max) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw Usage($"'{value}' is not a whole number in {min}..{max}");

    // Seconds, comma-separated; the engine accepts 0.1 s to 1 minute.
    private static TimeSpan[] Intervals(string value)
    {
        var intervals = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is >= 0.1 and <= 60
                ? TimeSpan.FromSeconds(seconds)
                : throw Usage($"'{s}' is not a number of seconds in 0.1..60"))
            .Distinct().Order().ToArray();
        return intervals.Length is >= 1 and <= 8 ? intervals : throw Usage("--intervals takes 1 to 8 settings");
    }

    private static HashSet<string> PhaseList(string value)
    {
        var phases = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        return phases.Count > 0 && phases.All(p => AllPhases.Contains(p) || p == LoadPhaseName || p == PushPhaseName || p == EtlPhaseName || p == RepositoriesPhaseName)
            ? phases
            : throw Usage($"'{value}' is not a list of phases ({string.Join(",", AllPhases)},{LoadPhaseName},{PushPhaseName},{EtlPhaseName},{RepositoriesPhaseName})");
    }

    private static ArgumentException Usage(string problem) => new(
        $"{problem}. Usage: dotnet run -c Release --project bench/Bench [-- [--quick] [--warmup N] [--latency-calls N] [--completion-rounds N] " +
        "[--tasks N] [--rounds N] [--callers N] [--resume-at-once N] [--resume-after-idle N] [--idle-seconds N] [--intervals 0.25,1,5,10] " +
        "[--azurite-data DIR] [--azurite-in-memory] [--deadline-minutes N] [--phases latency,owner,completion,throughput,polling,load,push,etl,repos] " +
        "[--load-callers N] [--load-seconds N] [--etl-rows N] [--etl-chunk-rows N] [--etl-parallelism N] [--etl-rounds N] " +
        "[--repos-count N] [--repos-parallelism N] [--repos-rounds N]]");
}
