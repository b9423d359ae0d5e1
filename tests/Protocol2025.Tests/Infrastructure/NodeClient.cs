using System.Diagnostics;
using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests.Infrastructure;

/// <summary>
/// Runs a Node.js script of tests/ts-client with the repository's pinned npm packages, installing them with
/// <c>npm ci</c> first when the MCP SDK is missing (under the lock the Azurite installer uses, so they never race).
/// </summary>
internal static class NodeClient
{
    private const string SdkPackage = "@modelcontextprotocol/sdk";

    public static async Task<(int ExitCode, string Output)> RunAsync(string repositoryRoot, string script, IReadOnlyDictionary<string, string> environment, TimeSpan timeout)
    {
        await EnsureInstalledAsync(repositoryRoot);
        var start = new ProcessStartInfo("node") { WorkingDirectory = repositoryRoot };
        start.ArgumentList.Add(Path.Combine(repositoryRoot, "tests", "ts-client", script));
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var run = await ChildProcess.RunAsync(start, timeout);
        return run.TimedOut
            ? (-1, run.Output + $"# killed: the script did not finish within {timeout.TotalSeconds:0} s{Environment.NewLine}")
            : (run.ExitCode, run.Output);
    }

    private static async Task EnsureInstalledAsync(string repositoryRoot)
    {
        var sdk = Path.Combine(repositoryRoot, "node_modules", SdkPackage, "package.json");
        if (File.Exists(sdk))
        {
            return;
        }

        await using var installLock = await AcquireLockAsync(Path.Combine(repositoryRoot, ".azurite-install.lock"));
        if (File.Exists(sdk))
        {
            return;
        }

        using var npm = Process.Start(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = repositoryRoot, UseShellExecute = false })
            ?? throw new InvalidOperationException("Could not start npm.");
        await npm.WaitForExitAsync();
        if (npm.ExitCode != 0 || !File.Exists(sdk))
        {
            throw new InvalidOperationException($"'npm ci' in {repositoryRoot} failed (exit {npm.ExitCode}); {SdkPackage} is not installed.");
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                await Task.Delay(200);
            }
        }
    }
}
