using System.Diagnostics;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>
/// Small Git repositories made in the test with the git CLI (one commit of the given files; the author set with -c flags,
/// no global or system configuration read), and bundles of them, for <c>evaluate_repositories</c>. No network.
/// </summary>
internal sealed class GitRepositories : IDisposable
{
    private static readonly TimeSpan GitTimeout = TimeSpan.FromSeconds(30);
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("durablemcp-tests-repos-");

    /// <summary>A repository named <paramref name="name"/> holding <paramref name="files"/> (path to content) in one commit; its file:// URL.</summary>
    public async Task<string> CreateAsync(string name, IReadOnlyDictionary<string, string> files)
    {
        var folder = Path.Combine(_root.FullName, name);
        foreach (var (path, content) in files)
        {
            var full = Path.Combine(folder, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            await File.WriteAllTextAsync(full, content);
        }

        await GitAsync(folder, "-c", "init.defaultBranch=main", "init", "--quiet");
        await GitAsync(folder, "add", "--all");
        await GitAsync(folder, "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false", "commit", "--quiet", "-m", "initial");
        return new Uri(folder + "/").AbsoluteUri.TrimEnd('/');
    }

    /// <summary>A bundle (<c>git bundle create</c>) of the repository at <paramref name="url"/>: its bytes.</summary>
    public async Task<byte[]> BundleAsync(string url)
    {
        var folder = new Uri(url).LocalPath;
        var bundle = Path.Combine(_root.FullName, Path.GetFileName(folder) + ".bundle");
        await GitAsync(folder, "bundle", "create", "--quiet", bundle, "--all");
        return await File.ReadAllBytesAsync(bundle);
    }

    /// <summary>A file:// URL where no repository is.</summary>
    public string Missing(string name) => new Uri(Path.Combine(_root.FullName, name) + "/").AbsoluteUri.TrimEnd('/');

    public void Dispose() => _root.Delete(recursive: true);

    private static async Task GitAsync(string folder, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = folder };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_CONFIG_GLOBAL"] = Path.Combine(folder, "..", "no-global-config");
        var result = await ChildProcess.RunAsync(start, GitTimeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"git {string.Join(' ', arguments)} failed ({result.ExitCode}): {result.Output}");
        }
    }
}
