using System.Diagnostics;

namespace DurableMcp.Deployment.Tests.Infrastructure;

/// <summary>The Bicep CLI restored from NuGet by this project; runs offline in infra/bicep (no registry modules are used).</summary>
internal static class BicepCli
{
    private static readonly TimeSpan _timeout = TimeSpan.FromMinutes(2);

    /// <summary>A finished run: exit code, the compiled output (with --stdout) and the diagnostics (stderr).</summary>
    public sealed record Result(int ExitCode, string Output, string Diagnostics)
    {
        public IEnumerable<string> DiagnosticLines => Diagnostics.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }

    public static async Task<Result> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Repository.BicepCli)
        {
            WorkingDirectory = Repository.PathOf("infra", "bicep"),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the Bicep CLI.");
        var output = process.StandardOutput.ReadToEndAsync();
        var diagnostics = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(_timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {string.Join(' ', arguments)} did not finish within {_timeout}.");
        }

        return new Result(process.ExitCode, await output, await diagnostics);
    }
}
