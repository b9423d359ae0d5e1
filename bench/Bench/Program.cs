using System.Net;
using System.Runtime.InteropServices;
using DurableMcp.Bench;

// dotnet run -c Release --project bench/Bench [-- --quick] (options: see BenchSettings and bench/README.md)
BenchSettings settings;
try
{
    settings = BenchSettings.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

// Ctrl+C, SIGTERM and SIGHUP cancel the run so its finally blocks kill every child and delete Azurite's data; the
// deadline does the same if something hangs.
using var cancellation = new CancellationTokenSource(settings.Deadline);
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    Console.Error.WriteLine($"{context.Signal}: stopping the child processes...");
    cancellation.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
using var onHangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, Stop);

using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
{
    Timeout = TimeSpan.FromSeconds(30),
};

try
{
    if (await new BenchRun(settings, http).ExecuteAsync(cancellation.Token) is { } results)
    {
        ResultTable.Print(results, Console.Out);
    }

    return 0;
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine($"Cancelled (a signal, or the {settings.Deadline.TotalMinutes:0}-minute deadline passed).");
    return 130;
}
catch (Exception e) when (e is InvalidOperationException or HttpRequestException or IOException or TimeoutException or Azure.RequestFailedException or Grpc.Core.RpcException)
{
    // Child processes are already stopped (the run's finally); say what failed without a crash dump.
    Console.Error.WriteLine($"The benchmark failed: {e}");
    return 1;
}
finally
{
    ChildProcesses.KillAll();
}
