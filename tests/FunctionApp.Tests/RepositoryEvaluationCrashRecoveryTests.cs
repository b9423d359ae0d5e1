using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// The worker running <c>evaluate_repositories</c> killed (SIGKILL) in the middle of its repositories: a successor
/// finishes the task from the history, never evaluating again a repository the dead worker had finished, and the
/// result holds every repository once.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class RepositoryEvaluationCrashRecoveryTests(AzuriteFixture azurite)
{
    private const int Repositories = 30;

    [Fact]
    public async Task EvaluateRepositories_WorkerKilledMidRun_SuccessorFinishesWithoutEvaluatingFinishedOnesAgain()
    {
        using var repos = new GitRepositories();
        var urls = new List<string>();
        for (var i = 0; i < Repositories; i++)
        {
            urls.Add(await repos.CreateAsync($"r{i:D2}", new Dictionary<string, string> { ["main.py"] = $"print({i})\n", ["README.md"] = "# r\n" }));
        }

        var taskHub = TaskHubs.New("evalcrash");
        await using var frontend = await ServerProcess.StartAsync("frontend", ServerSettings.Anonymous(azurite, taskHub, workerEnabled: false));
        using var client = frontend.CreateClient();
        string taskId;
        int doneBeforeKill;
        await using (var doomed = await ServerProcess.StartAsync("doomed-worker", ServerSettings.Anonymous(azurite, taskHub)))
        {
            var arguments = new JsonObject
            {
                ["repositories"] = new JsonArray([.. urls.Select(u => (JsonNode)new JsonObject { ["url"] = u })]),
                ["parallelism"] = 1, // repositories finish in order: the first k are the finished ones
            };
            taskId = TaskAssert.IsCreateTaskResult(await client.CallToolAsync("evaluate_repositories", arguments, withTasks: true), DateTimeOffset.UtcNow);
            var progress = await client.WaitForTaskAsync(taskId, t => Done(t) >= 3, TimeSpan.FromSeconds(60), "three repositories evaluated on the first worker");
            doneBeforeKill = Done(progress);

            await doomed.KillAsync();
        }

        Assert.InRange(doneBeforeKill, 3, Repositories - 1);
        await using var successor = await ServerProcess.StartAsync("successor-worker", ServerSettings.Anonymous(azurite, taskHub));
        var done = await client.WaitForTerminalAsync(taskId, TimeSpan.FromSeconds(90));

        Assert.Equal("completed", TaskAssert.Status(done));
        var summary = done["result"]!["structuredContent"]!;
        Assert.Equal((Repositories, Repositories, 0), (summary["repositories"]!.GetValue<int>(), summary["evaluated"]!.GetValue<int>(), summary["failed"]!.GetValue<int>()));
        var again = Evaluated().Matches(successor.RecentOutput).Where(m => m.Groups["task"].Value == taskId)
            .Select(m => int.Parse(m.Groups["index"].Value, CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(again);
        Assert.All(again, index => Assert.True(index >= doneBeforeKill, $"Repository {index}, evaluated before the kill, was evaluated again."));
        Assert.Equal(again.Count, again.Distinct().Count());
    }

    /// <summary>The repositories done so far, from a status message like <c>"12 / 30 repositories evaluated"</c>; -1 for other messages.</summary>
    private static int Done(JsonObject task)
    {
        var message = TaskAssert.StatusMessage(task) ?? "";
        var slash = message.IndexOf(" / ", StringComparison.Ordinal);
        return slash > 0 && int.TryParse(message[..slash], NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var done) ? done : -1;
    }

    [GeneratedRegex(@"Repository (?<index>\d+) of task (?<task>[A-Za-z0-9_-]+) evaluated")]
    private static partial Regex Evaluated();
}
