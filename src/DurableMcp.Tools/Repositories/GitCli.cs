using System.Diagnostics;
using System.Text;

namespace DurableMcp.Tools.Repositories;

/// <summary>
/// The git command line, run with a timeout and never interactive: no credential prompt, only the https and file
/// transports (no ext:: or ssh helpers), symbolic links checked out as plain files and line endings left as they are
/// (so checks read the same bytes on every host).
/// </summary>
internal static class GitCli
{
    private static readonly string[] Safety =
    [
        "-c", "protocol.allow=never", "-c", "protocol.https.allow=always", "-c", "protocol.file.allow=always",
        "-c", "core.autocrlf=false", "-c", "core.symlinks=false", "-c", "advice.detachedHead=false", "-c", "credential.helper=",
    ];

    /// <summary>Git's words for a repository that is not there or not readable: retrying will not help.</summary>
    private static readonly string[] PermanentSigns =
    [
        "does not appear to be a git repository", "does not exist", "not found", "does not look like a", "invalid gitfile",
        "could not read username", "authentication failed", "not a git repository", "remote branch", "not valid",
    ];

    /// <summary><c>git --version</c>, or null with the reason when git cannot be run.</summary>
    public static async Task<(string? Version, string? Problem)> VersionAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var result = await RunAsync(["--version"], null, TimeSpan.FromSeconds(15), cancellationToken);
            return result.ExitCode == 0 ? (result.Output.Trim(), null) : (null, result.Error.Trim());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, e.Message);
        }
    }

    /// <summary>
    /// Clones <paramref name="source"/> (a URL or a bundle file) into <paramref name="target"/>, one commit deep.
    /// A failure git describes as permanent (not found, not a repository, needs credentials) is a
    /// <see cref="RepositoryUnavailableException"/>; any other failure or the timeout is an <see cref="IOException"/>, worth retrying.
    /// </summary>
    public static async Task CloneAsync(string source, string target, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync([.. Safety, "clone", "--depth", "1", "--no-tags", "--single-branch", "--quiet", "--", source, target], null, timeout, cancellationToken);
        if (result.ExitCode == 0)
        {
            return;
        }

        var error = Summarize(result.Error);
        if (PermanentSigns.Any(sign => error.Contains(sign, StringComparison.OrdinalIgnoreCase)))
        {
            throw new RepositoryUnavailableException($"git clone failed: {error}");
        }

        throw new IOException($"git clone failed (exit code {result.ExitCode}): {error}");
    }

    /// <summary>The commit checked out in <paramref name="checkout"/>, or null for a repository without commits.</summary>
    public static async Task<string?> HeadAsync(string checkout, CancellationToken cancellationToken = default)
    {
        var result = await RunAsync(["rev-parse", "--verify", "--quiet", "HEAD"], checkout, TimeSpan.FromSeconds(30), cancellationToken);
        return result.ExitCode == 0 ? result.Output.Trim() : null;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(string[] arguments, string? workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory ?? Path.GetTempPath(),
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_ASKPASS"] = string.Empty;
        start.Environment["GCM_INTERACTIVE"] = "never";

        // Git's messages in English whatever the host's locale: telling permanent failures from transient ones reads them.
        start.Environment["LC_ALL"] = "C";
        start.Environment["LANGUAGE"] = "C";
        using var process = Process.Start(start) ?? throw new IOException("git could not be started.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new IOException(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"git did not finish within {timeout.TotalSeconds:0} s."));
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>Git's error lines joined, without the generic advice it adds.</summary>
    private static string Summarize(string error)
    {
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => !l.StartsWith("Please make sure", StringComparison.Ordinal) && !l.StartsWith("and the repository exists", StringComparison.Ordinal));
        var text = new StringBuilder().AppendJoin(' ', lines).ToString();
        return text.Length <= 500 ? text : text[..500] + "…";
    }
}
