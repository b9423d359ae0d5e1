using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
namespace DurableMcp.Testing;

/// <summary>
/// The real server: <c>dotnet FunctionApp.dll</c> (the one this build produced) as a separate process, configured only
/// through environment variables (see <see cref="ServerSettings"/>), on a free loopback port. Captures its output for
/// failure messages; <see cref="KillAsync"/> ends it abruptly (SIGKILL of the process tree), as a crash would.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private const int OutputLinesKept = 300;
    private static readonly TimeSpan HealthTimeout = TimeSpan.FromSeconds(45);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<string>> _tracked = new(StringComparer.Ordinal);

    private ServerProcess(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The name the test gave this server, in failure messages.</summary>
    public string Name { get; }

    /// <summary>Where the server listens: <c>http://127.0.0.1:{port}</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The MCP endpoint, <c>/mcp</c>.</summary>
    public Uri McpEndpoint => new(BaseAddress, "/mcp");

    /// <summary>The server's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Whether the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The server's latest output lines.</summary>
    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// From now on keeps every output line that contains <paramref name="marker"/>, however much else the server prints
    /// (<see cref="RecentOutput"/> keeps only the latest lines): for counting what happened over a long, noisy run.
    /// </summary>
    public void Track(string marker) => _tracked.TryAdd(marker, new ConcurrentQueue<string>());

    /// <summary>The output lines containing <paramref name="marker"/> since <see cref="Track"/>, in order.</summary>
    public IReadOnlyList<string> TrackedLines(string marker) =>
        _tracked.TryGetValue(marker, out var lines) ? [.. lines] : throw new InvalidOperationException($"'{marker}' is not tracked: call Track first.");

    /// <summary>Starts the server with <paramref name="settings"/> as environment variables and waits until <c>/healthz</c> answers.</summary>
    public static Task<ServerProcess> StartAsync(string name, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default) =>
        StartAsync(name, settings, workingDirectory: null, cancellationToken);

    /// <summary>
    /// <see cref="StartAsync(string, IReadOnlyDictionary{string, string}, CancellationToken)"/> from
    /// <paramref name="workingDirectory"/> (by default the server's own folder), as <c>dotnet run</c> starts it from wherever
    /// the user stands.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string name, IReadOnlyDictionary<string, string> settings, string? workingDirectory, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        // A port picked as free can be taken before Kestrel binds it; the server then exits and we try another.
        const int attempts = 3;
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(name, settings, FreePort(), workingDirectory);
            try
            {
                await server.WaitUntilHealthyAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (attempt < attempts && server.HasExited && server.RecentOutput.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                await server.DisposeAsync();
            }
            catch
            {
                await server.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>
    /// Starts the server without waiting for it to become healthy: for configurations it must refuse at startup
    /// (see <see cref="WaitForExitAsync"/>).
    /// </summary>
    public static ServerProcess StartUnchecked(string name, IReadOnlyDictionary<string, string> settings) => Launch(name, settings, FreePort());

    /// <summary>Waits until the process exits by itself (its output read to the end) and returns its exit code; throws after <paramref name="timeout"/>.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"Server {Name} still runs after {timeout.TotalSeconds:0} s. Output:{Environment.NewLine}{RecentOutput}");
        }

        return _process.ExitCode;
    }

    /// <summary>A client of <see cref="McpEndpoint"/>, sending <c>Authorization: Bearer {bearerToken}</c> when given; its failures show this server's output.</summary>
    public McpHttpClient CreateClient(string? bearerToken = null) =>
        new(McpEndpoint, bearerToken, () => $"[{Name}]{Environment.NewLine}{RecentOutput}");

    /// <summary>Ends the server at once, with no graceful shutdown: what a crash or an OOM kill looks like to the others.</summary>
    public Task KillAsync() => ProcessTree.KillAsync(_process);

    /// <summary>Kills the server (as <see cref="KillAsync"/>) and releases the process.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>The built server this library was compiled with (TestSupport.csproj records its path).</summary>
    private static string FunctionAppPath() =>
        typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "FunctionAppPath")?.Value is { Length: > 0 } path && File.Exists(path)
            ? path
            : throw new InvalidOperationException("FunctionApp.dll is not where the build recorded it; build the test project (it builds tests/TestSupport and FunctionApp) first.");

    private static ServerProcess Launch(string name, IReadOnlyDictionary<string, string> settings, int port, string? workingDirectory = null)
    {
        var dll = FunctionAppPath();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);

        // Nothing the test runner's environment says about URLs or environments may leak into the server.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "FUNCTIONS_CUSTOMHANDLER_PORT", "Functions__Worker__HostEndpoint" })
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        start.Environment["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}");
        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        return new ServerProcess(name, process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")));
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"Server {Name} exited with code {_process.ExitCode} before it was healthy. Output:{Environment.NewLine}{RecentOutput}");
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
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // A slow first request; ask again.
            }

            if (clock.Elapsed > HealthTimeout)
            {
                throw new TimeoutException($"Server {Name} was not healthy within {HealthTimeout.TotalSeconds:0} s. Output:{Environment.NewLine}{RecentOutput}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        foreach (var (marker, lines) in _tracked)
        {
            if (line.Contains(marker, StringComparison.Ordinal))
            {
                lines.Enqueue(line);
            }
        }

        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>A loopback port free at the moment (for a server setting that names one).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
