using System.Diagnostics;

namespace DurableMcp.Testing;

/// <summary>Ends a process this test run started, with everything it started (SIGKILL on Unix: no graceful shutdown).</summary>
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
}
