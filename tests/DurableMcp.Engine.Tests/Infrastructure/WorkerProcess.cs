using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;

namespace DurableMcp.Engine.Tests.Infrastructure;

/// <summary>
/// A TestWorker process: the engine's queue worker in a real, separate process that a test can kill -9. Its output
/// is kept for diagnostics; disposing kills it if it still runs.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const string ReadyLine = "READY";
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
    }

    /// <summary>A label for diagnostics, such as "worker A".</summary>
    public string Name { get; }

    /// <summary>The operating-system process id (what the step log records).</summary>
    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    /// <summary>Everything the worker wrote to stdout and stderr so far.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>Starts a worker with <paramref name="environment"/> added to this process's environment.</summary>
    public static WorkerProcess Start(string name, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        start.ArgumentList.Add(WorkerAssemblyPath());
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process, name);
        process.OutputDataReceived += (_, e) => worker.OnLine(e.Data, isError: false);
        process.ErrorDataReceived += (_, e) => worker.OnLine(e.Data, isError: true);
        process.Exited += (_, _) => worker._ready.TrySetException(
            new InvalidOperationException($"{name} exited before it printed {ReadyLine}."));
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {name}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return worker;
    }

    /// <summary>Waits until the worker's host has started (it printed READY); fails with its output otherwise.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout)
    {
        try
        {
            await _ready.Task.WaitAsync(timeout);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{Name} did not become ready within {timeout.TotalSeconds:0} s: {e.Message}{Environment.NewLine}{Output}", e);
        }
    }

    /// <summary>kill -9: the process and its children die at once, with no chance to clean up.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <summary>Waits for the process to exit; false if it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started, or already reaped.
        }

        _process.Dispose();
    }

    private void OnLine(string? line, bool isError)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(isError ? "[stderr] " + line : line);
        if (!isError && line == ReadyLine)
        {
            _ready.TrySetResult();
        }
    }

    private static string WorkerAssemblyPath()
    {
        var path = typeof(WorkerProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(a => a.Key == "TestWorkerPath")?.Value;
        return path is not null && File.Exists(path)
            ? path
            : throw new InvalidOperationException($"TestWorker.dll was not found at '{path}'; build tests/DurableMcp.Engine.Tests, which builds it.");
    }

    // The SDK tells child processes which dotnet it runs on; fall back to this process's host, then to PATH.
    private static string DotnetHost()
    {
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(host) && File.Exists(host))
        {
            return host;
        }

        var current = Environment.ProcessPath;
        return current is not null && Path.GetFileNameWithoutExtension(current) == "dotnet" ? current : "dotnet";
    }
}
