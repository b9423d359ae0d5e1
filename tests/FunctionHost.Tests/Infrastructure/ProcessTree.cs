using System.Diagnostics;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>Ends a process this test run started, with everything it started.</summary>
internal static class ProcessTree
{
    public static async Task KillAsync(Process process)
    {
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

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await process.WaitForExitAsync(timeout.Token);
    }
}
