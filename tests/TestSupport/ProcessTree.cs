using System.Diagnostics;

namespace DurableMcp.Testing;

/// <summary>Ends a process this test run started, with everything it started (SIGKILL on Unix: no graceful shutdown), or signals it.</summary>
public static class ProcessTree
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(15);

    /// <summary>Kills <paramref name="process"/> and its descendants and waits (15 s at most) until it has exited; nothing if it already has.</summary>
    public static async Task KillAsync(Process process)
    {
        ArgumentNullException.ThrowIfNull(process);
        try
        {
            if (process.HasExited)
            {
                return;
            }

            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            return; // Exited in between, or never started.
        }

        using var timeout = new CancellationTokenSource(ExitTimeout);
        await process.WaitForExitAsync(timeout.Token);
    }

    /// <summary>Sends <paramref name="process"/> the signal <paramref name="signal"/> (<c>TERM</c>, <c>STOP</c>, ...) with <c>kill</c>.</summary>
    public static async Task SignalAsync(Process process, string signal)
    {
        ArgumentNullException.ThrowIfNull(process);
        var kill = new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        var sent = await ChildProcess.RunAsync(kill, TimeSpan.FromSeconds(10));
        if (sent.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed: {sent.Output}");
        }
    }
}
