using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;
using Grpc.Net.Client;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Client.Grpc;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>The local host as a process on a developer's machine: what it holds of the machine, and what it offers beside <c>/mcp</c>.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalHostTests(AzuriteFixture azurite)
{
    private const int Subfolders = 300;

    /// <summary>
    /// <c>dotnet run --project FunctionApp</c> starts the host from wherever the user stands, usually the repository root,
    /// with node_modules and the Azurite data Azurite keeps rewriting below.
    /// </summary>
    [LinuxFact]
    public async Task Start_FromAFolderWithManySubfolders_WatchesNoneOfThem()
    {
        var workingDirectory = Directory.CreateTempSubdirectory("mcp-local-host-");
        try
        {
            for (var i = 0; i < Subfolders; i++)
            {
                workingDirectory.CreateSubdirectory(i.ToString(CultureInfo.InvariantCulture));
            }

            await using var server = await ServerProcess.StartAsync(
                "started elsewhere", ServerSettings.Anonymous(azurite, TaskHubs.New("footprint"), workerEnabled: false), workingDirectory.FullName);
            using var client = server.CreateClient();
            (await client.ListToolsAsync()).RequireResult();

            // Only the server's own folder (its appsettings files) may be watched: a handful of folders, not the 300 here.
            var watches = InotifyWatches(server.ProcessId);
            Assert.True(watches < Subfolders, $"The server holds {watches} inotify watches; it watches the folder it was started from.");
        }
        finally
        {
            workingDirectory.Delete(recursive: true);
        }
    }

    /// <summary>With <c>DurableTask:SidecarPort</c>, a Durable Task client in another process schedules on the host's engine, and the host's worker runs it.</summary>
    [Fact]
    public async Task SidecarPort_ClientInAnotherProcess_SchedulesOnTheHostsEngine()
    {
        var port = ServerProcess.FreePort();
        var settings = ServerSettings.Anonymous(azurite, TaskHubs.New("sidecar"));
        settings["DurableTask__SidecarPort"] = port.ToString(CultureInfo.InvariantCulture);
        await using var server = await ServerProcess.StartAsync("fixed engine port", settings);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{port}");
        await using var client = new GrpcDurableTaskClient("test", new GrpcDurableTaskClientOptions { Channel = channel }, NullLogger.Instance);

        var id = await client.ScheduleNewOrchestrationInstanceAsync("run_steps", JsonSerializer.SerializeToElement(new JsonObject { ["steps"] = 2 }));
        var done = await Poll.UntilAsync(
            () => client.GetInstanceAsync(id, getInputsAndOutputs: true),
            instance => instance?.IsCompleted == true,
            TimeSpan.FromSeconds(60),
            $"run_steps {id}, scheduled through port {port}, to complete");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Contains($"Step 1 of task {id} ran", server.RecentOutput, StringComparison.Ordinal);
    }

    /// <summary>The directories a process watches: one <c>inotify wd:</c> line per watch in its file descriptors' info.</summary>
    private static int InotifyWatches(int processId) =>
        Directory.EnumerateFiles($"/proc/{processId}/fdinfo").Sum(fd =>
        {
            try
            {
                return File.ReadLines(fd).Count(line => line.StartsWith("inotify wd:", StringComparison.Ordinal));
            }
            catch (IOException)
            {
                return 0; // closed since it was listed
            }
        });
}
