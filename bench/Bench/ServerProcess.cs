using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Reflection;

namespace DurableMcp.Bench;

/// <summary>
/// One FunctionApp process (<c>dotnet FunctionApp.dll</c>) on a free loopback port: a front server (worker off) or a
/// worker (worker on) of one task hub, counting its storage requests. Killed on disposal.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 40;
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        StartedAt = Stopwatch.GetTimestamp();
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    public Uri McpEndpoint => new(BaseAddress, "/mcp");

    /// <summary>When the process was started (a <see cref="Stopwatch"/> timestamp).</summary>
    public long StartedAt { get; }

    public bool HasExited => _process.HasExited;

    /// <summary>CPU time the process has used so far.</summary>
    public TimeSpan ProcessorTime => CpuSample.ProcessorTime(_process);

    /// <summary>The FunctionApp build that the bench project built with itself.</summary>
    public static string FunctionAppPath { get; } = ResolveFunctionAppPath();

    public static ServerProcess Start(string name, string connectionString, string taskHub, bool workerEnabled)
    {
        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(FunctionAppPath)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(FunctionAppPath);
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "FUNCTIONS_CUSTOMHANDLER_PORT" })
        {
            start.Environment.Remove(inherited);
        }

        var environment = new Dictionary<string, string>
        {
            ["Urls"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}",
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["DurableEngine__ConnectionString"] = connectionString,
            ["DurableEngine__TaskHub"] = taskHub,
            ["DurableEngine__WorkerEnabled"] = workerEnabled ? "true" : "false",
            ["Diagnostics__CountStorageOperations"] = "true",
            ["Samples__Seed"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",

            // The shortest suggested poll interval, so the resume phase's tight polling is not throttled (HTTP 429).
            ["McpTasks__PollInterval"] = "00:00:00.100",

            // Production refuses to run without caller identity; the bench plays the platform's authentication front end.
            ["Identity__Mode"] = "AppService",
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {name}.");
        ChildProcesses.Track(process);
        var server = new ServerProcess(name, process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
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

    /// <summary>The storage requests this process has sent since it started.</summary>
    public async Task<OperationCounts> GetStorageOperationsAsync(HttpClient http, CancellationToken cancellationToken = default)
    {
        var counts = await http.GetFromJsonAsync<Dictionary<string, long>>(new Uri(BaseAddress, "/diagnostics/storage-operations"), cancellationToken)
            ?? throw Failed("returned no storage operation counts");
        return new OperationCounts(counts);
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
