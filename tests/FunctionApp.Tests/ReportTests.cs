using System.Globalization;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Tasks.Durable;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// <c>generate_report</c> end to end through MCP, on a server that binds tasks to their callers (two dev tokens) and runs
/// with its managed heap capped, so a report many times larger than a section's buffers must be streamed: real source
/// tasks (run_etl, classify_documents, evaluate_repositories) first, then the report, read through <c>resources/read</c>
/// by its owner only (a large one in pages); sources that are not usable refused before any task exists.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReportTests(AzuriteFixture azurite, ServerProcessFixture server) : IClassFixture<ServerProcessFixture>
{
    /// <summary>
    /// The managed heap limit of the server that generates the reports. The large report's 24 MB of HTML is 48 MB as
    /// UTF-16 text, and its source's reject file 32 MB: built in memory it does not fit.
    /// </summary>
    private const long HeapLimitBytes = 64L * 1024 * 1024;
    private const int ReadPageBytes = 256 * 1024;

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task GenerateReport_EtlClassificationAndEvaluationRuns_OneSectionEachInOrderReadByTheOwnerOnly()
    {
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        using var bob = process.CreateClient("bobtoken");
        using var repos = new GitRepositories();
        var repository = await repos.CreateAsync("ranked", new Dictionary<string, string> { ["README.md"] = "# r\n", ["LICENSE"] = "MIT\n", ["main.py"] = "print(1)\n" });
        var etlContainer = await EtlData.UploadAsync(azurite);
        var documents = await ReviewDocuments.UploadAsync(azurite);
        var sources = await Task.WhenAll(
            ReportData.CompletedTaskAsync(alice, "run_etl", EtlTests.Arguments(etlContainer, EtlData.NewTable()), Timeout),
            ReportData.CompletedTaskAsync(alice, "classify_documents", new JsonObject { ["container"] = documents, ["prefix"] = "inbox/" }, Timeout),
            ReportData.CompletedTaskAsync(alice, "evaluate_repositories", new JsonObject { ["repositories"] = new JsonArray(new JsonObject { ["url"] = repository }) }, Timeout));
        var arguments = ReportData.Arguments(sources, title: "Week <49> & more");
        arguments["sources"]![0]!["title"] = "Orders | loaded";

        var taskId = TaskAssert.IsCreateTaskResult(await alice.CallToolAsync("generate_report", arguments, withTasks: true), DateTimeOffset.UtcNow);
        var done = await alice.WaitForTerminalAsync(taskId, Timeout);

        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Equal("3 / 3 sections rendered, 0 unavailable; report written", TaskAssert.StatusMessage(done));
        var result = done["result"]!;
        var summary = result["structuredContent"]!;
        Assert.Equal((3, 3, 0), (summary["sections"]!.GetValue<int>(), summary["reported"]!.GetValue<int>(), summary["unavailable"]!.GetValue<int>()));
        var contents = summary["contents"]!.AsArray();
        Assert.Equal(["run_etl", "classify_documents", "evaluate_repositories"], contents.Select(c => c!["tool"]!.GetValue<string>()));
        Assert.Equal(["Orders | loaded", $"Classification of {ReviewDocuments.Texts.Count} documents", "Evaluation of 1 repositories"], contents.Select(c => c!["title"]!.GetValue<string>()));
        Assert.Equal((EtlData.Rows, EtlData.Rejected.Count), (contents[0]!["counts"]!["rows"]!.GetValue<int>(), contents[0]!["counts"]!["rejected"]!.GetValue<int>()));
        Assert.Equal(ReviewDocuments.Texts.Count, contents[1]!["counts"]!["listed"]!.GetValue<int>());

        var html = ReportData.Link(result, "report.html");
        var markdown = ReportData.Link(result, "report.md");
        Assert.Equal((summary["outputs"]!["html"]!.GetValue<string>(), "text/html"), (html["uri"]!.GetValue<string>(), html["mimeType"]!.GetValue<string>()));
        var page = (await EtlData.ReadResourceAsync(alice, html["uri"]!.GetValue<string>())).RequireResult()["contents"]![0]!["text"]!.GetValue<string>();
        var text = (await EtlData.ReadResourceAsync(alice, markdown["uri"]!.GetValue<string>())).RequireResult()["contents"]![0]!["text"]!.GetValue<string>();
        Assert.Equal(html["size"]!.GetValue<long>(), System.Text.Encoding.UTF8.GetByteCount(page));
        Assert.Equal(markdown["size"]!.GetValue<long>(), System.Text.Encoding.UTF8.GetByteCount(text));

        // One section per source, in the order given, each once; the contents link them; what the sources held is text, not markup.
        Assert.Contains("<title>Week &lt;49&gt; &amp; more</title>", page, StringComparison.Ordinal);
        Assert.Equal([1, 1, 1], new[] { "<section id=\"section-1\">", "<section id=\"section-2\">", "<section id=\"section-3\">" }.Select(s => ReportData.Occurrences(page, s)));
        Assert.True(page.IndexOf("<section id=\"section-1\">", StringComparison.Ordinal) < page.IndexOf("<section id=\"section-2\">", StringComparison.Ordinal) &&
                    page.IndexOf("<section id=\"section-2\">", StringComparison.Ordinal) < page.IndexOf("<section id=\"section-3\">", StringComparison.Ordinal));
        Assert.Contains("<a href=\"#section-3\">Evaluation of 1 repositories</a>", page, StringComparison.Ordinal);
        Assert.Contains("<h2>1. Orders | loaded</h2>", page, StringComparison.Ordinal);
        Assert.Contains("&#x27;Amount&#x27;: &#x27;abc&#x27; is not a double", page, StringComparison.Ordinal);
        Assert.All(EtlData.Rejected, r => Assert.Contains($"<tr><td>{r.File}</td><td>{r.Row}</td>", page, StringComparison.Ordinal));
        Assert.All(Enumerable.Range(0, ReviewDocuments.Texts.Count), i => Assert.Contains($"<tr><td>inbox/doc-{i}.txt</td>", page, StringComparison.Ordinal));
        Assert.Contains($"<tr><td>1</td><td>{repository}</td>", page, StringComparison.Ordinal);
        Assert.StartsWith("# Week \\<49\\> \\& more\n", text, StringComparison.Ordinal);
        Assert.Contains("## 1. Orders \\| loaded\n", text, StringComparison.Ordinal);
        Assert.Contains("1. [Orders \\| loaded](#section-1)", text, StringComparison.Ordinal);
        Assert.All(EtlData.Rejected, r => Assert.Contains($"\n| {r.File} | {r.Row} | ", text, StringComparison.Ordinal));
        Assert.Empty(await ReportData.PartsAsync(azurite, taskId));

        // Another caller gets what an unknown resource gets.
        var unknown = $"task://{TaskIds.New()}/report.html";
        var foreign = html["uri"]!.GetValue<string>();
        Assert.Equal(
            Callers.ErrorShape(await EtlData.ReadResourceAsync(bob, unknown), unknown).Replace(unknown, "<uri>", StringComparison.Ordinal),
            Callers.ErrorShape(await EtlData.ReadResourceAsync(bob, foreign), foreign).Replace(foreign, "<uri>", StringComparison.Ordinal));
    }

    [Fact]
    public async Task GenerateReport_UnusableSources_RefusedBeforeAnyTaskSayingWhatToFix()
    {
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        using var bob = process.CreateClient("bobtoken");
        var container = await EtlData.UploadAsync(azurite);
        var bobs = await ReportData.CompletedTaskAsync(bob, "run_etl", EtlTests.Arguments(container, EtlData.NewTable()), Timeout);
        var steps = await ReportData.CompletedTaskAsync(alice, "run_steps", new JsonObject { ["steps"] = 1, ["stepDelayMs"] = 0 }, Timeout);
        var missingContainer = TaskAssert.IsCreateTaskResult(await alice.CallToolAsync("run_etl", EtlTests.Arguments("nosuchcontainer", EtlData.NewTable()), withTasks: true), DateTimeOffset.UtcNow);
        Assert.True((await alice.WaitForTerminalAsync(missingContainer, Timeout))["result"]!["isError"]!.GetValue<bool>());
        var waiting = TaskAssert.IsCreateTaskResult(await alice.CallToolAsync("run_etl", EtlTests.Arguments(container, await EtlData.SeededTableAsync(azurite)), withTasks: true), DateTimeOffset.UtcNow);
        await alice.WaitForInputRequiredAsync(waiting, Timeout);
        var unknown = TaskIds.New("someone");

        var refusals = new List<string>();
        foreach (var id in new[] { unknown, bobs, steps, missingContainer, waiting })
        {
            var response = (await alice.CallToolAsync("generate_report", ReportData.Arguments([id]), withTasks: true)).RequireResult();
            Assert.Null(response["taskId"]);
            Assert.True(response["isError"]!.GetValue<bool>());
            refusals.Add(TaskAssert.Text(response).Replace(id, "<id>", StringComparison.Ordinal));
        }

        var empty = (await alice.CallToolAsync("generate_report", new JsonObject { ["sources"] = new JsonArray() }, withTasks: true)).RequireResult();

        // An unknown id and another caller's: word for word the same answer.
        Assert.Equal(refusals[0], refusals[1]);
        Assert.Equal("Invalid arguments for 'generate_report': sources[0]: '<id>' is not one of your tasks (unknown, expired, or not yours); give the taskId of a completed run_etl, classify_documents, evaluate_repositories task you created.", refusals[0]);
        Assert.Contains("task '<id>' is a run of 'run_steps'; only run_etl, classify_documents, evaluate_repositories tasks can be used here.", refusals[2], StringComparison.Ordinal);
        Assert.Contains("task '<id>' completed with an error result, so it has no outputs", refusals[3], StringComparison.Ordinal);
        Assert.Contains("task '<id>' is still working; wait until it has completed (tasks/get) and call again.", refusals[4], StringComparison.Ordinal);
        Assert.True(empty["isError"]!.GetValue<bool>());
        Assert.Contains("'sources' must list 1 to 50 source tasks", TaskAssert.Text(empty), StringComparison.Ordinal);
        await alice.CancelTaskAsync(waiting);
    }

    [Fact]
    public async Task GenerateReport_ThousandsOfRejectedRows_OverTwentyMegabytesStreamedOnAHeapCappedServerAndReadInPages()
    {
        const int rows = 3000;
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        var container = await ReportData.UploadRejectedRowsAsync(azurite, rows);
        var etl = await ReportData.CompletedTaskAsync(alice, "run_etl", EtlTests.Arguments(container, EtlData.NewTable(), prefix: "big/"), Timeout);

        var taskId = TaskAssert.IsCreateTaskResult(await alice.CallToolAsync("generate_report", ReportData.Arguments([etl]), withTasks: true), DateTimeOffset.UtcNow);
        var done = await alice.WaitForTerminalAsync(taskId, Timeout);

        Assert.Equal("completed", TaskAssert.Status(done));
        var result = done["result"]!;
        Assert.Equal(rows, result["structuredContent"]!["contents"]![0]!["counts"]!["rejectsShown"]!.GetValue<int>());
        var link = ReportData.Link(result, "report.html");
        var size = link["size"]!.GetValue<long>();
        Assert.True(size >= 20_000_000, string.Create(CultureInfo.InvariantCulture, $"The report is only {size:N0} bytes."));
        Assert.True(ReportData.Link(result, "report.md")["size"]!.GetValue<long>() > 5_000_000);

        // Read on the same heap-capped server: each answer stays near the page limit however much of it is escaped markup.
        var whole = await EtlData.ReadResourceAsync(alice, link["uri"]!.GetValue<string>());
        Assert.Equal(-32602, whole.RequireErrorCode());
        var (page, pages, largest) = await ReportData.ReadPagedAsync(alice, link["uri"]!.GetValue<string>());
        Assert.True(pages >= 20, $"{pages} pages");
        Assert.InRange(largest, ReadPageBytes / 2, ReadPageBytes);
        Assert.Equal(size, System.Text.Encoding.UTF8.GetByteCount(page));
        Assert.Equal(rows, ReportData.Occurrences(page, "&#x27;not-a-number&#x27; is not a double</td>"));
        Assert.Equal(rows, ReportData.Occurrences(page, string.Concat(Enumerable.Repeat("&lt;&amp;&gt;", 600))));
        Assert.DoesNotContain("<&>", page, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", page, StringComparison.Ordinal);
        Assert.Empty(await ReportData.PartsAsync(azurite, taskId));
    }

    private Task<ServerProcess> ServerAsync() => server.GetAsync(azurite, "report", settings =>
    {
        settings.WithDevTokens(new Dictionary<string, string> { ["alicetoken"] = "alice", ["bobtoken"] = "bob" });
        settings["DOTNET_GCHeapHardLimit"] = HeapLimitBytes.ToString("X", CultureInfo.InvariantCulture);
        settings["McpTasks__MaxResourceReadBytes"] = ReadPageBytes.ToString(CultureInfo.InvariantCulture);
    });
}
