using System.Globalization;
using System.Text.RegularExpressions;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// The worker running <c>generate_report</c> killed (SIGKILL) in the middle of its sections: a successor finishes the
/// report from the history, never rendering again a section the dead worker had finished; the report holds every
/// section exactly once and no part is left behind.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class ReportCrashRecoveryTests(AzuriteFixture azurite)
{
    private const int Sources = 6;
    private const int RowsPerSource = 400;

    [Fact]
    public async Task GenerateReport_WorkerKilledMidFanOut_SuccessorFinishesEachSectionOnceNoPartsLeft()
    {
        var taskHub = TaskHubs.New("reportcrash");
        var container = await ReportData.UploadRejectedRowsAsync(azurite, RowsPerSource);
        await using var frontend = await ServerProcess.StartAsync("frontend", ServerSettings.Anonymous(azurite, taskHub, workerEnabled: false));
        using var client = frontend.CreateClient();
        string taskId;
        int doneBeforeKill;
        await using (var doomed = await ServerProcess.StartAsync("doomed-worker", ServerSettings.Anonymous(azurite, taskHub)))
        {
            // Each source's section is a few MB of escaped HTML: long enough to render that the kill lands between sections.
            var sources = await Task.WhenAll(Enumerable.Range(0, Sources).Select(_ =>
                ReportData.CompletedTaskAsync(client, "run_etl", EtlTests.Arguments(container, EtlData.NewTable(), prefix: "big/"), TimeSpan.FromSeconds(60))));
            taskId = TaskAssert.IsCreateTaskResult(await client.CallToolAsync("generate_report", ReportData.Arguments(sources, parallelism: 1), withTasks: true), DateTimeOffset.UtcNow);
            var progress = await client.WaitForTaskAsync(taskId, t => ReportData.SectionsDone(t) >= 1, TimeSpan.FromSeconds(60), "a section rendered on the first worker");
            doneBeforeKill = ReportData.SectionsDone(progress);

            await doomed.KillAsync();
        }

        Assert.InRange(doneBeforeKill, 1, Sources - 1);
        await using var successor = await ServerProcess.StartAsync("successor-worker", ServerSettings.Anonymous(azurite, taskHub));
        var done = await client.WaitForTerminalAsync(taskId, TimeSpan.FromSeconds(90));

        Assert.Equal("completed", TaskAssert.Status(done));
        var summary = done["result"]!["structuredContent"]!;
        Assert.Equal((Sources, Sources), (summary["sections"]!.GetValue<int>(), summary["reported"]!.GetValue<int>()));
        var again = Rendered().Matches(successor.RecentOutput).Where(m => m.Groups["task"].Value == taskId)
            .Select(m => int.Parse(m.Groups["number"].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(again);
        Assert.All(again, number => Assert.True(number > doneBeforeKill, $"Section {number}, rendered before the kill, was rendered again."));
        Assert.Equal(again.Count, again.Distinct().Count());

        var report = (await azurite.CreateBlobServiceClient().GetBlobContainerClient("task-outputs").GetBlobClient($"{taskId}/report.html").DownloadContentAsync()).Value.Content.ToString();
        Assert.All(Enumerable.Range(1, Sources), n => Assert.Equal(1, ReportData.Occurrences(report, $"<section id=\"section-{n}\">")));
        Assert.Equal(Sources * RowsPerSource, ReportData.Occurrences(report, "&#x27;not-a-number&#x27; is not a double</td>"));
        Assert.Empty(await ReportData.PartsAsync(azurite, taskId));
    }

    [GeneratedRegex(@"Section (?<number>\d+) of task (?<task>[A-Za-z0-9_-]+) rendered")]
    private static partial Regex Rendered();
}
