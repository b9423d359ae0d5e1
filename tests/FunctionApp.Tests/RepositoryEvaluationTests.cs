using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// <c>evaluate_repositories</c> end to end through MCP on Azurite: repositories made in the test (file:// URLs, one as a
/// bundle in blob storage) and one that is not there, evaluated as a task: the summary ranks them, the missing one is
/// reported with its error while the others are evaluated, and the table and the ranking are read through
/// <c>resources/read</c> of the result's links; arguments refused before a task exists.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class RepositoryEvaluationTests(AzuriteFixture azurite, ServerProcessFixture server) : IClassFixture<ServerProcessFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task EvaluateRepositories_UrlsBundleAndMissingRepository_RankedFailureReportedOutputsLinked()
    {
        var process = await server.GetAsync(azurite, "eval");
        using var client = process.CreateClient();
        using var repos = new GitRepositories();
        var kept = await repos.CreateAsync("kept", new Dictionary<string, string>
        {
            ["README.md"] = "# kept\n", ["LICENSE"] = "MIT\n", ["app.sln"] = "\n", ["src/App/App.csproj"] = "<Project />\n",
            ["src/App/Program.cs"] = "class Program\n{\n    static void Main() { }\n}\n", ["tests/App.Tests/ProgramTests.cs"] = "class ProgramTests\n{\n}\n",
            [".github/workflows/ci.yml"] = "on: push\n",
        });
        var scripts = await repos.CreateAsync("scripts", new Dictionary<string, string> { ["run.py"] = "# TODO: everything\nprint(1)\n" });
        var bundled = await repos.CreateAsync("bundled", new Dictionary<string, string>
        {
            ["go.mod"] = "module bundled\n", ["main.go"] = "package main\n\nfunc main() {}\n", ["main_test.go"] = "package main\n", ["Makefile"] = "all:\n",
        });
        var container = azurite.CreateBlobServiceClient().GetBlobContainerClient(TaskHubs.NewContainer("bundles"));
        await container.CreateIfNotExistsAsync();
        await container.GetBlobClient("team/bundled.bundle").UploadAsync(BinaryData.FromBytes(await repos.BundleAsync(bundled)));
        var missing = repos.Missing("missing");
        var bundleName = $"blob:{container.Name}/team/bundled.bundle";

        var arguments = new JsonObject
        {
            ["repositories"] = new JsonArray(
                new JsonObject { ["url"] = scripts },
                new JsonObject { ["url"] = missing },
                new JsonObject { ["container"] = container.Name, ["blob"] = "team/bundled.bundle" },
                new JsonObject { ["url"] = kept }),
            ["parallelism"] = 2,
        };
        var taskId = TaskAssert.IsCreateTaskResult(await client.CallToolAsync("evaluate_repositories", arguments, withTasks: true), DateTimeOffset.UtcNow);
        var done = await client.WaitForTerminalAsync(taskId, Timeout);

        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Equal("3 / 4 repositories evaluated, 1 failed", TaskAssert.StatusMessage(done));
        var result = done["result"]!;
        Assert.NotEqual(true, result["isError"]?.GetValue<bool>());
        var summary = result["structuredContent"]!;
        Assert.Equal((4, 3, 1), (summary["repositories"]!.GetValue<int>(), summary["evaluated"]!.GetValue<int>(), summary["failed"]!.GetValue<int>()));

        // kept: every check (100); bundled: tests, manifest, build file, no TODO (55); scripts: one TODO in 2 lines (0).
        Assert.Equal([(kept, 100), (bundleName, 55), (scripts, 0)],
            summary["top"]!.AsArray().Select(t => (t!["repository"]!.GetValue<string>(), t["score"]!.GetValue<int>())));
        var failure = summary["failures"]!.AsArray().Single()!;
        Assert.Equal(missing, failure["repository"]!.GetValue<string>());
        Assert.Contains("does not appear to be a git repository", failure["error"]!.GetValue<string>(), StringComparison.Ordinal);

        // The table, in the order given, with ranks, checks and the error; the ranking as Markdown.
        var links = result["content"]!.AsArray().Where(c => c!["type"]!.GetValue<string>() == "resource_link").Select(c => c!.AsObject()).ToList();
        Assert.Equal([$"task://{taskId}/repositories.json", $"task://{taskId}/ranking.md"], links.Select(l => l["uri"]!.GetValue<string>()));
        var table = (await EtlData.ReadResourceAsync(client, links[0]["uri"]!.GetValue<string>())).RequireResult()["contents"]![0]!;
        Assert.Equal("application/json", table["mimeType"]!.GetValue<string>());
        Assert.Equal(links[0]["size"]!.GetValue<long>(), System.Text.Encoding.UTF8.GetByteCount(table["text"]!.GetValue<string>()));
        var rows = JsonNode.Parse(table["text"]!.GetValue<string>())!["repositories"]!.AsArray();
        Assert.Equal([scripts, missing, bundleName, kept], rows.Select(r => r!["repository"]!.GetValue<string>()));
        Assert.Equal(new int?[] { 3, null, 2, 1 }, rows.Select(r => r!["rank"]?.GetValue<int>()));
        Assert.Null(rows[1]!["checks"]);
        Assert.Contains("does not appear to be a git repository", rows[1]!["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{40}$", rows[3]!["commit"]!.GetValue<string>());
        var keptChecks = rows[3]!["checks"]!;
        Assert.Equal(("C#", 7, 1, "LICENSE"), (keptChecks["languages"]![0]!["language"]!.GetValue<string>(), keptChecks["codeLines"]!.GetValue<int>(),
            keptChecks["testFiles"]!.GetValue<int>(), keptChecks["licence"]!.GetValue<string>()));
        Assert.Equal(["github-actions"], keptChecks["ci"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(1000.0 / 2, rows[0]!["checks"]!["todosPer1000Lines"]!.GetValue<double>());

        var ranking = (await EtlData.ReadResourceAsync(client, links[1]["uri"]!.GetValue<string>())).RequireResult()["contents"]![0]!;
        Assert.Equal("text/markdown", ranking["mimeType"]!.GetValue<string>());
        var markdown = ranking["text"]!.GetValue<string>();
        Assert.Contains($"| 1 | {kept} | 100 |", markdown, StringComparison.Ordinal);
        Assert.Contains($"| 2 | {bundleName} | 55 |", markdown, StringComparison.Ordinal);
        Assert.Contains($"| {missing} | git clone failed:", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateRepositories_BadArguments_RefusedBeforeAnyTaskNamingEachProblem()
    {
        var process = await server.GetAsync(azurite, "eval");
        using var client = process.CreateClient();

        var response = await client.CallToolAsync("evaluate_repositories", new JsonObject
        {
            ["repositories"] = new JsonArray(
                new JsonObject { ["url"] = "ssh://example.com/a" },
                new JsonObject { ["url"] = "https://example.com/b" },
                new JsonObject { ["url"] = "https://example.com/b.git" },
                new JsonObject { ["container"] = "Bad_Name", ["blob"] = "x.bundle" }),
            ["parallelism"] = 17,
        }, withTasks: true);

        var result = response.RequireResult();
        Assert.Null(result["taskId"]);
        Assert.True(result["isError"]!.GetValue<bool>());
        var text = TaskAssert.Text(result);
        foreach (var problem in new[]
        {
            "repositories[0]: 'url' must be an https:// or file:// Git URL, not 'ssh://example.com/a'.", "repositories[2] repeats repositories[1]",
            "repositories[3]: 'container' must be a blob container name", "'parallelism' must be between 1 and 16",
        })
        {
            Assert.Contains(problem, text, StringComparison.Ordinal);
        }

        var empty = TaskAssert.Text((await client.CallToolAsync("evaluate_repositories", new JsonObject { ["repositories"] = new JsonArray() }, withTasks: true)).RequireResult());
        Assert.Contains("'repositories' must list 1 to 500 repositories, not 0.", empty, StringComparison.Ordinal);
    }
}
