using System.Diagnostics;
using DurableMcp.DevStorage;
using DurableMcp.Testing;

namespace DurableMcp.Protocol2025.Tests.Infrastructure;

/// <summary>
/// Runs a Node.js script of tests/ts-client with the repository's pinned npm packages, installing them with
/// <c>npm ci</c> first when the MCP SDK is missing (the repository's packages, installed once like Azurite's).
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

    private static Task EnsureInstalledAsync(string repositoryRoot) =>
        NpmInstall.EnsureAsync(repositoryRoot, () => File.Exists(Path.Combine(repositoryRoot, "node_modules", SdkPackage, "package.json")));
}
