using System.Diagnostics;
using System.Text;

namespace DurableMcp.Testing;

/// <summary>How a child process ended: its exit code (-1 when killed), stdout and stderr interleaved by line.</summary>
public sealed record ChildProcessResult(int ExitCode, string Output, bool TimedOut);

/// <summary>Runs a command-line tool of the test run to its end, killing it with everything it started past its time.</summary>
public static class ChildProcess
{
    /// <summary>Starts <paramref name="start"/> (its output redirected here) and waits until it exits or <paramref name="timeout"/> passes.</summary>
    public static async Task<ChildProcessResult> RunAsync(ProcessStartInfo start, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(start);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            await ProcessTree.KillAsync(process);
            cancellationToken.ThrowIfCancellationRequested();
            return new ChildProcessResult(-1, Snapshot(output), TimedOut: true);
        }

        process.WaitForExit(); // Drains the redirected output.
        return new ChildProcessResult(process.ExitCode, Snapshot(output), TimedOut: false);
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is not null)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }

    private static string Snapshot(StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
