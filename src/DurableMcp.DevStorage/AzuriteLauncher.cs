using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DurableMcp.DevStorage;

/// <summary>
/// Starts the Azurite pinned in the repository's package.json (installing it with <c>npm ci</c> first if needed).
/// The server uses it on the default ports when nothing listens there; tests use it on free ports.
/// </summary>
public static class AzuriteLauncher
{
    /// <summary>The emulator's well-known account key (public, documented; it protects nothing).</summary>
    private const string DevAccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    /// <summary>The default Azurite ports (blob, queue, table).</summary>
    public static readonly AzuritePorts DefaultPorts = new(10000, 10001, 10002);

    /// <summary>The repository root: the nearest ancestor of <paramref name="start"/> holding package.json with azurite.</summary>
    public static string? FindRepositoryRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var package = Path.Combine(dir.FullName, "package.json");
            if (File.Exists(package) && File.ReadAllText(package).Contains("\"azurite\"", StringComparison.Ordinal))
            {
                return dir.FullName;
            }
        }

        return null;
    }

    /// <summary>True when something accepts TCP connections on every port of <paramref name="ports"/> on loopback.</summary>
    public static bool IsListening(AzuritePorts ports) =>
        new[] { ports.Blob, ports.Queue, ports.Table }.All(IsListening);

    /// <summary>Picks three currently free loopback ports.</summary>
    public static AzuritePorts FreePorts()
    {
        var listeners = Enumerable.Range(0, 3).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        var ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToList();
        listeners.ForEach(l => l.Stop());
        return new AzuritePorts(ports[0], ports[1], ports[2]);
    }

    /// <summary>A connection string for an Azurite listening on <paramref name="ports"/>.</summary>
    public static string ConnectionString(AzuritePorts ports) =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
        $"AccountKey={DevAccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{ports.Blob}/devstoreaccount1;" +
        $"QueueEndpoint=http://127.0.0.1:{ports.Queue}/devstoreaccount1;" +
        $"TableEndpoint=http://127.0.0.1:{ports.Table}/devstoreaccount1;";

    /// <summary>
    /// Installs Azurite from the repository's lock file if it is missing, starts it on <paramref name="ports"/> with its
    /// data in <paramref name="dataDirectory"/>, and waits until all three services accept connections. Its output lines
    /// (starts and stops of its services; requests are not logged) go to <paramref name="output"/> when given.
    /// With <paramref name="inMemoryPersistence"/> it keeps all data in memory (<c>--inMemoryPersistence</c>), and
    /// <paramref name="dataDirectory"/> only holds what Azurite writes beside its data (it refuses <c>--location</c> then).
    /// </summary>
    public static async Task<Process> StartAsync(
        string repositoryRoot,
        AzuritePorts ports,
        string dataDirectory,
        CancellationToken cancellationToken = default,
        Action<string>? output = null,
        bool inMemoryPersistence = false)
    {
        var entryPoint = await EnsureInstalledAsync(repositoryRoot, cancellationToken);
        Directory.CreateDirectory(dataDirectory);
        var start = new ProcessStartInfo("node")
        {
            // In memory, Azurite still writes its telemetry settings file to its --location, which defaults to the working directory.
            WorkingDirectory = inMemoryPersistence ? dataDirectory : repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        string[] persistence = inMemoryPersistence ? ["--inMemoryPersistence"] : ["--location", dataDirectory];
        string[] arguments =
        [
            entryPoint, "--silent", "--skipApiVersionCheck", "--loose", .. persistence,
            "--blobHost", "127.0.0.1", "--blobPort", ports.Blob.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--queueHost", "127.0.0.1", "--queuePort", ports.Queue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--tableHost", "127.0.0.1", "--tablePort", ports.Table.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ];
        foreach (var arg in arguments)
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node for Azurite.");
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output?.Invoke(e.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!IsListening(ports))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with code {process.ExitCode} before listening on {ports}.");
            }

            if (DateTime.UtcNow > deadline)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"Azurite did not listen on {ports} within 60 s.");
            }

            await Task.Delay(100, cancellationToken);
        }

        return process;
    }

    /// <summary>Installs the repository's npm packages (Azurite among them) if Azurite is missing.</summary>
    private static async Task<string> EnsureInstalledAsync(string repositoryRoot, CancellationToken cancellationToken)
    {
        var entryPoint = Path.Combine(repositoryRoot, "node_modules", "azurite", "dist", "src", "azurite.js");
        await NpmInstall.EnsureAsync(repositoryRoot, () => File.Exists(entryPoint), cancellationToken: cancellationToken);
        return entryPoint;
    }

    private static bool IsListening(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

/// <summary>The three ports of one Azurite.</summary>
public sealed record AzuritePorts(int Blob, int Queue, int Table);
