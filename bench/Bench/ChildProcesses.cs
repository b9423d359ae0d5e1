using System.Diagnostics;

namespace DurableMcp.Bench;

/// <summary>
/// Every process the bench started, so they die with it: on normal disposal each owner kills its own, and this is the
/// backstop when the bench itself is stopped (Ctrl+C, SIGTERM) before the owners' finally blocks run.
/// </summary>
internal static class ChildProcesses
{
    private static readonly Lock Gate = new();
    private static readonly HashSet<Process> Live = [];

    static ChildProcesses() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAll();

    public static void Track(Process process)
    {
        lock (Gate)
        {
            Live.Add(process);
        }
    }

    /// <summary>Kills the process and its children, waits briefly for it, and stops tracking it.</summary>
    public static async Task KillAsync(Process process)
    {
        Kill(process);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine($"Process {process.Id} did not exit within 10 s of being killed.");
        }

        lock (Gate)
        {
            Live.Remove(process);
        }
    }

    public static void KillAll()
    {
        Process[] live;
        lock (Gate)
        {
            live = [.. Live];
        }

        foreach (var process in live)
        {
            Kill(process);
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // It exited (or never started) between the check and the kill.
        }
    }
}
