using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace DurableMcp.Bench;

/// <summary>
/// One FunctionApp process (<c>dotnet FunctionApp.dll</c>, no Functions host: the local host) on a free loopback port,
/// serving <c>/mcp</c> for one task hub and, with its worker on, running that hub's orchestrations. Killed on disposal.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 40;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(string name, Process process, Uri baseAddress, Uri engineAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        EngineAddress = engineAddress;
        StartedAt = Stopwatch.GetTimestamp();
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public Uri McpEndpoint => new(BaseAddress, "/mcp");

    /// <summary>The server's Durable Task engine (its gRPC sidecar, <c>DurableTask:SidecarPort</c>), for a raw client on it.</summary>
    public Uri EngineAddress { get; }

    /// <summary>When the process was started (a <see cref="Stopwatch"/> timestamp).</summary>
    public long StartedAt { get; }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    /// <summary>CPU time the process has used so far.</summary>
    public TimeSpan ProcessorTime => CpuSample.ProcessorTime(_process);

    /// <summary>The FunctionApp build that the bench project built with itself.</summary>
    public static string FunctionAppPath { get; } = ResolveFunctionAppPath();

    /// <summary>Starts a local host on its own port; the caller waits for it with <see cref="WaitHealthyAsync"/>.</summary>
    /// <param name="name">What the bench calls it in messages.</param>
    /// <param name="connectionString">Its <c>AzureWebJobsStorage</c>: a <see cref="StorageProxy"/> of its own, so its requests are counted apart.</param>
    /// <param name="hubName">Its task hub.</param>
    /// <param name="workerEnabled">Whether it runs orchestrations and activities, or only serves the API.</param>
    /// <param name="maxQueuePollingInterval">The engine's longest idle queue poll interval; null for the product default.</param>
    /// <param name="settings">More settings (environment variables), overriding the bench's.</param>
    public static ServerProcess Start(
        string name, string connectionString, string hubName, bool workerEnabled, TimeSpan? maxQueuePollingInterval = null, IReadOnlyDictionary<string, string>? settings = null)
    {
        var port = FreePort();
        var enginePort = FreePort();
        while (enginePort == port)
        {
            enginePort = FreePort();
        }
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(FunctionAppPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FunctionAppPath);
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "Functions__Worker__HostEndpoint" })
        {
            start.Environment.Remove(inherited);
        }

        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["AzureWebJobsStorage"] = connectionString,
            ["DurableTask__HubName"] = hubName,
            ["DurableTask__WorkerEnabled"] = workerEnabled ? "true" : "false",
            ["DurableTask__SidecarPort"] = enginePort.ToString(CultureInfo.InvariantCulture),
            ["Samples__Seed"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",

            // Anonymous callers (Development only): no identity round trips, and tasks are not bound to a caller.
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Identity__Mode"] = "Anonymous",

            // The shortest suggested poll interval: the poll throttle then allows a tasks/get every 25 ms (burst 20), so
            // polling for latency is never refused with HTTP 429.
            ["McpTasks__PollInterval"] = "00:00:00.100",
        };
        if (maxQueuePollingInterval is { } interval)
        {
            environment["DurableTask__MaxQueuePollingInterval"] = interval.ToString("c", CultureInfo.InvariantCulture);
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            environment[key] = value;
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        ChildProcesses.Track(process);
        var server = new ServerProcess(
            name, process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"), new Uri($"http://127.0.0.1:{enginePort.ToString(CultureInfo.InvariantCulture)}"));
        process.OutputDataReceived += (_, e) => server.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    public async Task WaitHealthyAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        var deadline = Stopwatch.GetTimestamp() + (Stopwatch.Frequency * 60);
        while (true)
        {
            if (_process.HasExited)
            {
                throw Failed($"exited with code {_process.ExitCode} before it was healthy");
            }

            try
            {
                using var response = await http.GetAsync(new Uri(BaseAddress, "/healthz"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            if (Stopwatch.GetTimestamp() > deadline)
            {
                throw Failed("was not healthy within 60 s");
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    public InvalidOperationException Failed(string problem) =>
        new($"{Name} ({BaseAddress}) {problem}. Its last output:{Environment.NewLine}{string.Join(Environment.NewLine, _output)}");

    public async ValueTask DisposeAsync()
    {
        await ChildProcesses.KillAsync(_process);
        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string ResolveFunctionAppPath()
    {
        var path = typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "FunctionAppPath")?.Value;
        return path is { Length: > 0 } && File.Exists(path)
            ? path
            : throw new FileNotFoundException($"The FunctionApp build was not found at '{path}'. Build the bench project, which builds FunctionApp with it.");
    }
}
