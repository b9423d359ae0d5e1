using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests.Infrastructure;

/// <summary>
/// The real server, <c>dotnet FunctionApp.dll</c>, as a separate process on a free loopback port, configured through
/// environment variables: callers identified by development tokens (so tasks are bound and <c>tasks/list</c> is served).
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    public const string AliceToken = "alice-token";
    public const string BobToken = "bob-token";

    /// <summary>A caller only one test uses, so it can count every task the caller has.</summary>
    public const string CarolToken = "carol-token";

    public const int ListPageSize = 2;
    public static readonly TimeSpan MaxTtl = TimeSpan.FromMinutes(10);

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private ServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _process.OutputDataReceived += (_, e) => Capture(e.Data);
        _process.ErrorDataReceived += (_, e) => Capture(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; }

    public Uri McpEndpoint => new(BaseAddress, "/mcp");

    public string RecentOutput => string.Join(Environment.NewLine, _output);

    public static async Task<ServerProcess> StartAsync(AzuriteFixture azurite, CancellationToken cancellationToken = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            var server = Launch(azurite, FreePort());
            try
            {
                await server.WaitUntilHealthyAsync(cancellationToken);
                return server;
            }
            catch (InvalidOperationException) when (attempt < 3 && server.RecentOutput.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
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

    public RpcClient CreateClient(string? token = AliceToken) => new(McpEndpoint, token, () => RecentOutput);

    public async ValueTask DisposeAsync()
    {
        await ProcessTree.KillAsync(_process);
        _process.Dispose();
    }

    private static ServerProcess Launch(AzuriteFixture azurite, int port)
    {
        var dll = typeof(ServerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "FunctionAppPath")?.Value is { Length: > 0 } path && File.Exists(path)
            ? path
            : throw new InvalidOperationException("FunctionApp.dll is not where the build recorded it; build tests/Protocol2025.Tests first.");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var inherited in new[] { "ASPNETCORE_URLS", "DOTNET_URLS", "URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "FUNCTIONS_CUSTOMHANDLER_PORT", "Functions__Worker__HostEndpoint" })
        {
            start.Environment.Remove(inherited);
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Identity__Mode"] = "DevToken",
            [$"Identity__DevTokens__{AliceToken}"] = "alice",
            [$"Identity__DevTokens__{BobToken}"] = "bob",
            [$"Identity__DevTokens__{CarolToken}"] = "carol",
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["DurableTask__HubName"] = "rev" + Guid.NewGuid().ToString("N")[..8],
            ["DurableTask__MaxQueuePollingInterval"] = "00:00:00.250",
            ["McpTasks__DefaultTtl"] = "00:05:00",
            ["McpTasks__MaxTtl"] = MaxTtl.ToString("c", CultureInfo.InvariantCulture),
            ["McpTasks__PollInterval"] = "00:00:00.250",
            ["McpTasks__ListPageSize"] = ListPageSize.ToString(CultureInfo.InvariantCulture),
            ["Samples__Seed"] = "false",
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Urls"] = string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"),
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {dll}.");
        return new ServerProcess(process, new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}")));
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {_process.ExitCode} before it was healthy. Output:{Environment.NewLine}{RecentOutput}");
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

            if (clock.Elapsed > TimeSpan.FromSeconds(45))
            {
                throw new TimeoutException($"The server was not healthy within 45 s. Output:{Environment.NewLine}{RecentOutput}");
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
