using System.Globalization;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// What the local host holds of the machine it runs on. <c>dotnet run --project FunctionApp</c> starts it from wherever
/// the user stands, usually the repository root, with node_modules and the Azurite data Azurite keeps rewriting below.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalHostFootprintTests(AzuriteFixture azurite)
{
    private const int Subfolders = 300;

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
