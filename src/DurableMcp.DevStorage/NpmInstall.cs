using System.Diagnostics;
using System.Text;

namespace DurableMcp.DevStorage;

/// <summary>
/// <c>npm ci</c> in a folder, once: under a file lock in that folder, so parallel processes (test projects run side by
/// side, the server started beside them) wait for one install instead of racing in the same <c>node_modules</c>.
/// </summary>
public static class NpmInstall
{
    private const string LockFile = ".npm-install.lock";
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Runs <c>npm ci</c> in <paramref name="directory"/> unless <paramref name="isInstalled"/> already holds (asked again
    /// once the lock is held); <paramref name="installed"/> runs under the lock when npm succeeded, before the check. Throws with
    /// npm's output when the install fails or leaves <paramref name="isInstalled"/> false.
    /// </summary>
    public static async Task EnsureAsync(
        string directory, Func<bool> isInstalled, Action? installed = null, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        if (isInstalled())
        {
            return;
        }

        var limit = timeout ?? DefaultTimeout;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit * 2);
        await using var installLock = await AcquireLockAsync(Path.Combine(directory, LockFile), deadline.Token);
        if (isInstalled())
        {
            return;
        }

        var (exitCode, output) = await RunNpmCiAsync(directory, limit, cancellationToken);
        if (exitCode == 0)
        {
            installed?.Invoke();
        }

        if (exitCode != 0 || !isInstalled())
        {
            throw new InvalidOperationException($"'npm ci' in {directory} failed (exit {exitCode}).{Environment.NewLine}{output}");
        }
    }

    private static async Task<(int ExitCode, string Output)> RunNpmCiAsync(string directory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("npm")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm.");
        var output = new StringBuilder();
        DataReceivedEventHandler append = (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (output)
                {
                    output.AppendLine(e.Data);
                }
            }
        };
        npm.OutputDataReceived += append;
        npm.ErrorDataReceived += append;
        npm.BeginOutputReadLine();
        npm.BeginErrorReadLine();

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await npm.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            npm.Kill(entireProcessTree: true);
            return (-1, $"npm ci did not finish within {timeout.TotalMinutes:0} minutes and was killed.{Environment.NewLine}{output}");
        }

        lock (output)
        {
            return (npm.ExitCode, output.ToString());
        }
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (IOException)
            {
                // Another process installs right now; the caller's check runs again once this one holds the lock.
                await Task.Delay(200, cancellationToken);
            }
        }
    }
}
