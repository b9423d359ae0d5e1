using System.Text.RegularExpressions;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// The worker running <c>run_etl</c> killed (SIGKILL) in the middle of its chunks: a successor finishes the task, never
/// loads a chunk the dead worker had finished, and the table ends with every row exactly once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class EtlCrashRecoveryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task RunEtl_WorkerKilledMidRun_SuccessorFinishesWithoutDuplicatedRows()
    {
        const int rows = 3000;
        const int chunkRows = 50;
        var taskHub = TaskHubs.New("etlcrash");
        var container = await EtlData.UploadGeneratedAsync(azurite, rows);
        var table = EtlData.NewTable();
        await using var frontend = await ServerProcess.StartAsync("frontend", ServerSettings.Anonymous(azurite, taskHub, workerEnabled: false));
        using var client = frontend.CreateClient();
        string taskId;
        long doneBeforeKill;
        await using (var doomed = await ServerProcess.StartAsync("doomed-worker", ServerSettings.Anonymous(azurite, taskHub)))
        {
            var arguments = EtlTests.Arguments(container, table, chunkRows, prefix: "big/");
            arguments["parallelism"] = 1; // chunks finish in order: the first k are the finished ones
            taskId = TaskAssert.IsCreateTaskResult(await client.CallToolAsync("run_etl", arguments, withTasks: true), DateTimeOffset.UtcNow);
            var progress = await client.WaitForTaskAsync(taskId, t => EtlData.RowsDone(t) >= 4 * chunkRows, TimeSpan.FromSeconds(60), "four chunks loaded on the first worker");
            doneBeforeKill = EtlData.RowsDone(progress);

            await doomed.KillAsync();
        }

        Assert.InRange(doneBeforeKill, 4 * chunkRows, rows - chunkRows);
        await using var successor = await ServerProcess.StartAsync("successor-worker", ServerSettings.Anonymous(azurite, taskHub));
        var done = await client.WaitForTerminalAsync(taskId, TimeSpan.FromSeconds(90));

        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Equal(rows, done["result"]!["structuredContent"]!["loaded"]!.GetValue<int>());
        Assert.Equal(rows, await EtlData.CountAsync(azurite, table));
        var reloaded = ChunkLoaded().Matches(successor.RecentOutput).Where(m => m.Groups["task"].Value == taskId).Select(m => int.Parse(m.Groups["part"].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(reloaded);
        Assert.All(reloaded, part => Assert.True(part >= doneBeforeKill / chunkRows, $"Chunk {part}, finished before the kill, was loaded again."));
    }

    [GeneratedRegex(@"Chunk (?<part>\d+) of task (?<task>[A-Za-z0-9_-]+) loaded")]
    private static partial Regex ChunkLoaded();
}
