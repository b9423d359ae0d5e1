using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using DurableMcp.Testing;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>
/// Plays the Azure Functions host for the custom handler, which cannot run here, following its documented contract and
/// what its source does. It reads host.json and the function folders of an app root; starts
/// <c>customHandler.description.defaultExecutablePath</c> (resolved against the app root) with its <c>arguments</c>
/// (<c>%SETTING%</c> expanded) in its <c>workingDirectory</c>, the app settings and <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> in
/// its environment; and waits until the handler answers HTTP on that port. Then it forwards requests for HTTP functions'
/// routes unchanged (<see cref="FrontEnd"/>), and POSTs queue- and timer-trigger invocations to <c>/{function}</c> as
/// <c>{"Data":{...},"Metadata":{...}}</c>, applying the queue trigger's rules to the result.
/// </summary>
internal sealed partial class FunctionsHostEmulator : IAsyncDisposable
{
    public const string HostVersion = "4.1045.0-emulated";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60); // The host's limit for a custom handler to start.

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _http;

    private FunctionsHostEmulator(AppRoot appRoot, FunctionAppFiles files, IReadOnlyDictionary<string, string> settings, Process process, int port)
    {
        AppRoot = appRoot;
        Files = files;
        Settings = settings;
        _process = process;
        Port = port;
        _http = new HttpClient { Timeout = files.FunctionTimeout + TimeSpan.FromMinutes(1) };
        FrontEnd = new FrontEndHandler(this);
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public AppRoot AppRoot { get; }

    public FunctionAppFiles Files { get; }

    /// <summary>The app settings (environment) the handler was started with.</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    public int Port { get; }

    public bool HasExited => _process.HasExited;

    public string RecentOutput => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// Starts the handler in <paramref name="appRoot"/> as the host would and waits until it answers; throws with its
    /// output if it exits first or does not answer within the host's start limit.
    /// </summary>
    public static async Task<FunctionsHostEmulator> StartAsync(AppRoot appRoot, IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken = default)
    {
        var files = FunctionAppFiles.FromAppRoot(appRoot.Path);
        var description = files.CustomHandler["description"]!.AsObject();
        var executable = Expand(description["defaultExecutablePath"]!.GetValue<string>(), settings);
        var resolved = Path.IsPathRooted(executable) ? executable : Path.Combine(appRoot.Path, executable);
        var workingDirectory = description["workingDirectory"]?.GetValue<string>() is { Length: > 0 } wd
            ? (Path.IsPathRooted(wd) ? wd : Path.Combine(appRoot.Path, wd))
            : appRoot.Path;
        var port = FreePort();
        var start = new ProcessStartInfo(File.Exists(resolved) ? resolved : executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in description["arguments"]?.AsArray() ?? [])
        {
            start.ArgumentList.Add(Expand(argument!.GetValue<string>(), settings));
        }

        // The test runner's own settings must not leak in; the host gives the handler the app settings and these.
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "ASPNETCORE_ENVIRONMENT", "DOTNET_ENVIRONMENT" })
        {
            start.Environment.Remove(inherited);
        }

        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var workerId = Guid.NewGuid().ToString();
        start.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_CUSTOMHANDLER_WORKER_ID"] = workerId;
        start.Environment["FUNCTIONS_HTTPWORKER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        start.Environment["FUNCTIONS_HTTPWORKER_ID"] = workerId;
        start.Environment["FUNCTIONS_APP_ROOT_PATH"] = appRoot.Path;

        var host = new FunctionsHostEmulator(appRoot, files, settings, Process.Start(start) ?? throw new InvalidOperationException($"Could not start {start.FileName}."), port);
        try
        {
            await host.WaitUntilAnsweringAsync(cancellationToken);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits for the handler process to exit by itself (a failed start) and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await ProcessTree.KillAsync(_process);
        _process.Dispose();
        _http.Dispose();
        FrontEnd.Dispose();
    }

    private Uri HandlerUri(string pathAndQuery) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{Port}{pathAndQuery}"));

    /// <summary>The host's readiness check: any HTTP answer to <c>GET /</c> on the handler's port means it is up.</summary>
    private async Task WaitUntilAnsweringAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                // Also waits until the redirected output is read to its end, so the message holds the handler's last words.
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException($"The handler exited with code {_process.ExitCode} before answering. Output:{Environment.NewLine}{RecentOutput}");
            }

            try
            {
                using var ping = new HttpRequestMessage(HttpMethod.Get, HandlerUri("/"));
                using var response = await _http.SendAsync(ping, cancellationToken);
                return;
            }
            catch (HttpRequestException e) when (e.InnerException is SocketException)
            {
                // Not listening yet.
            }

            if (clock.Elapsed > StartTimeout)
            {
                throw new TimeoutException($"The handler did not answer within {StartTimeout.TotalSeconds:0} s. Output:{Environment.NewLine}{RecentOutput}");
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    private static string Expand(string value, IReadOnlyDictionary<string, string> settings) =>
        Regex.Replace(value, "%([^%]+)%", m => settings.TryGetValue(m.Groups[1].Value, out var v) ? v : Environment.GetEnvironmentVariable(m.Groups[1].Value) ?? m.Value);

    private static void AddInvocationHeaders(HttpRequestMessage request)
    {
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-InvocationId", Guid.NewGuid().ToString());
        request.Headers.TryAddWithoutValidation("X-Azure-Functions-HostVersion", HostVersion);
        request.Headers.UserAgent.ParseAdd("Azure-Functions-Host/" + HostVersion);
    }

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 300 && _output.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
