using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Tasks.Durable;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// <c>run_etl</c> end to end through MCP, on a server that binds tasks to their callers (two dev tokens): CSV and JSON
/// Lines blobs loaded into a table that already holds a row (the user is asked: replace, or cancel), the table's rows,
/// the reject file and the summary read through <c>resources/read</c> of the result's links (by the owner only);
/// arguments refused before a task exists; a cancelled task starts no further chunk.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class EtlTests(AzuriteFixture azurite, ServerProcessFixture server) : IClassFixture<ServerProcessFixture>
{
    private const int MaxReadBytes = 4096;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task RunEtl_TableHoldsRows_ReplaceAnswered_LoadsGoodRowsRejectsBadOnesLinksOutputs()
    {
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        using var bob = process.CreateClient("bobtoken");
        var container = await EtlData.UploadAsync(azurite);
        var table = await EtlData.SeededTableAsync(azurite);

        var taskId = TaskAssert.IsCreateTaskResult(await alice.CallToolAsync("run_etl", Arguments(container, table, chunkRows: 2), withTasks: true), DateTimeOffset.UtcNow);
        var asked = await alice.WaitForInputRequiredAsync(taskId, Timeout);
        var (key, question) = InputRequestAssert.Single(asked);
        Assert.StartsWith($"Table '{table}' already holds rows.", question["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["Replace", "Append", "Cancel"], InputRequestAssert.Fields(question)["action"]!["enum"]!.AsArray().Select(v => v!.GetValue<string>()));
        TaskAssert.IsAcknowledgement(await alice.UpdateTaskAsync(taskId, InputRequestAssert.Answer(key, "accept", new JsonObject { ["action"] = "Replace" })));
        var done = await alice.WaitForTerminalAsync(taskId, Timeout);

        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Equal($"5 rows loaded into '{table}', 6 rejected, 1 filtered", TaskAssert.StatusMessage(done));
        var result = done["result"]!;
        Assert.NotEqual(true, result["isError"]?.GetValue<bool>());
        var summary = result["structuredContent"]!;
        Assert.Equal("replace", summary["tableChoice"]!.GetValue<string>());
        Assert.Equal((2, EtlData.Rows, EtlData.Loaded.Count, EtlData.Rejected.Count, EtlData.Filtered, 1),
            (summary["files"]!.GetValue<int>(), summary["rows"]!.GetValue<int>(), summary["loaded"]!.GetValue<int>(), summary["rejected"]!.GetValue<int>(), summary["filtered"]!.GetValue<int>(), summary["deleted"]!.GetValue<int>()));

        // The table: the seeded row replaced by exactly the good rows, cast and derived.
        var rows = await EtlData.RowsAsync(azurite, table);
        Assert.Equal(EtlData.Loaded.Select(r => r.Id).Order(), rows.Select(r => r.GetString("OrderId")).Order());
        foreach (var (id, region, amount, quantity, note) in EtlData.Loaded)
        {
            var row = rows.Single(r => r.GetString("OrderId") == id);
            Assert.Equal((region, amount, quantity, amount * quantity, $"{region}-{id}", note),
                (row.GetString("Region"), row.GetDouble("Amount"), row.GetInt32("Quantity"), row.GetDouble("Total"), row.GetString("Label"), row.GetString("Note")));
        }

        // The result links its outputs; the owner reads them, another caller gets what an unknown resource gets.
        var links = result["content"]!.AsArray().Where(c => c!["type"]!.GetValue<string>() == "resource_link").Select(c => c!.AsObject()).ToList();
        Assert.Equal([$"task://{taskId}/summary.json", $"task://{taskId}/rejects.jsonl"], links.Select(l => l["uri"]!.GetValue<string>()));
        Assert.Equal(summary["outputs"]!["rejects"]!.GetValue<string>(), links[1]["uri"]!.GetValue<string>());
        var rejects = (await EtlData.ReadResourceAsync(alice, links[1]["uri"]!.GetValue<string>())).RequireResult()["contents"]![0]!;
        Assert.Equal("application/x-ndjson", rejects["mimeType"]!.GetValue<string>());
        Assert.Equal(links[1]["size"]!.GetValue<long>(), System.Text.Encoding.UTF8.GetByteCount(rejects["text"]!.GetValue<string>()));
        var lines = rejects["text"]!.GetValue<string>().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal(EtlData.Rejected.Select(r => (r.File, r.Row)), lines.Select(l => (l["file"]!.GetValue<string>(), l["row"]!.GetValue<int>())));
        Assert.All(EtlData.Rejected.Zip(lines), pair => Assert.Contains(pair.First.Reason, pair.Second["reason"]!.GetValue<string>(), StringComparison.Ordinal));
        var written = JsonNode.Parse((await EtlData.ReadResourceAsync(alice, links[0]["uri"]!.GetValue<string>())).RequireResult()["contents"]![0]!["text"]!.GetValue<string>())!;
        Assert.Equal(EtlData.Rows, written["summary"]!["rows"]!.GetValue<int>());
        Assert.Equal(["orders/a.csv", "orders/b.jsonl"], written["files"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()));
        Assert.Equal(4, written["files"]![0]!["chunks"]!.GetValue<int>()); // 7 rows, 2 a chunk

        var unknown = $"task://{TaskIds.New()}/rejects.jsonl";
        var foreign = links[1]["uri"]!.GetValue<string>();
        Assert.Equal(
            Callers.ErrorShape(await EtlData.ReadResourceAsync(bob, unknown), unknown).Replace(unknown, "<uri>", StringComparison.Ordinal),
            Callers.ErrorShape(await EtlData.ReadResourceAsync(bob, foreign), foreign).Replace(foreign, "<uri>", StringComparison.Ordinal));
        Assert.Equal(-32602, (await EtlData.ReadResourceAsync(bob, foreign)).RequireErrorCode());
        Assert.Equal(-32602, (await EtlData.ReadResourceAsync(alice, $"task://{taskId}/nothing.json")).RequireErrorCode());
    }

    [Fact]
    public async Task RunEtl_TableHoldsRows_CancelAnswered_LoadsNothing()
    {
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        var container = await EtlData.UploadAsync(azurite);
        var table = await EtlData.SeededTableAsync(azurite);

        var taskId = TaskAssert.IsCreateTaskResult(await alice.CallToolAsync("run_etl", Arguments(container, table), withTasks: true), DateTimeOffset.UtcNow);
        var (key, _) = InputRequestAssert.Single(await alice.WaitForInputRequiredAsync(taskId, Timeout));
        TaskAssert.IsAcknowledgement(await alice.UpdateTaskAsync(taskId, InputRequestAssert.Answer(key, "accept", new JsonObject { ["action"] = "Cancel" })));
        var done = await alice.WaitForTerminalAsync(taskId, Timeout);

        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.StartsWith("Nothing loaded", TaskAssert.Text(done["result"]!), StringComparison.Ordinal);
        Assert.Equal("cancel", done["result"]!["structuredContent"]!["tableChoice"]!.GetValue<string>());
        Assert.Equal(["SEED"], (await EtlData.RowsAsync(azurite, table)).Select(r => r.GetString("OrderId")));
    }

    [Fact]
    public async Task RunEtl_SameFilesAppendedAgain_RowsUpsertedUnderTheSameKeysNotDuplicated()
    {
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        var container = await EtlData.UploadAsync(azurite);
        var table = EtlData.NewTable();
        var first = TaskAssert.IsCreateTaskResult(await alice.CallToolAsync("run_etl", Arguments(container, table), withTasks: true), DateTimeOffset.UtcNow);
        Assert.Equal("new", (await alice.WaitForTerminalAsync(first, Timeout))["result"]!["structuredContent"]!["tableChoice"]!.GetValue<string>());
        var keys = (await EtlData.RowsAsync(azurite, table)).Select(r => (r.PartitionKey, r.RowKey)).Order().ToList();

        var second = TaskAssert.IsCreateTaskResult(await alice.CallToolAsync("run_etl", Arguments(container, table, chunkRows: 3), withTasks: true), DateTimeOffset.UtcNow);
        var (key, _) = InputRequestAssert.Single(await alice.WaitForInputRequiredAsync(second, Timeout));
        TaskAssert.IsAcknowledgement(await alice.UpdateTaskAsync(second, InputRequestAssert.Answer(key, "accept", new JsonObject { ["action"] = "Append" })));
        var done = await alice.WaitForTerminalAsync(second, Timeout);

        Assert.Equal(("append", EtlData.Loaded.Count), (done["result"]!["structuredContent"]!["tableChoice"]!.GetValue<string>(), done["result"]!["structuredContent"]!["loaded"]!.GetValue<int>()));
        Assert.Equal(keys, (await EtlData.RowsAsync(azurite, table)).Select(r => (r.PartitionKey, r.RowKey)).Order().ToList());
        Assert.Equal(EtlData.Loaded.Count, keys.Count);

        // The outputs' URI template is listed for clients that browse resources.
        var templates = (await alice.RequestAsync("resources/templates/list")).RequireResult()["resourceTemplates"]!.AsArray();
        Assert.Contains(templates, t => t!["uriTemplate"]!.GetValue<string>() == "task://{taskId}/{name}");
    }

    [Fact]
    public async Task RunEtl_BadArguments_RefusedBeforeAnyTaskNamingEachProblem()
    {
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        var mapping = new JsonObject
        {
            ["columns"] = new JsonArray(
                new JsonObject { ["name"] = "Timestamp" },
                new JsonObject { ["name"] = "Count", ["type"] = "integer" },
                new JsonObject { ["name"] = "Twice", ["derive"] = "Later * 2" },
                new JsonObject { ["name"] = "Later", ["type"] = "int" }),
            ["filter"] = new JsonArray(new JsonObject { ["column"] = "Nope", ["op"] = "gt", ["value"] = 1 }),
            ["rowKey"] = "Later",
        };

        var response = await alice.CallToolAsync("run_etl", new JsonObject { ["container"] = "Bad_Name", ["table"] = "x", ["mapping"] = mapping, ["chunkRows"] = 0 }, withTasks: true);

        var result = response.RequireResult();
        Assert.Null(result["taskId"]);
        Assert.True(result["isError"]!.GetValue<bool>());
        var text = TaskAssert.Text(result);
        foreach (var problem in new[]
        {
            "'container' must be a blob container name", "'table' must be a table name", "'chunkRows' must be between 1 and 1000000",
            "mapping.columns[0] ('Timestamp'): 'Timestamp' is a system property", "mapping.columns[1] ('Count'): 'type' must be one of string, int, long, double, bool, datetime, not 'integer'",
            "mapping.columns[2] ('Twice'): 'derive' uses 'Later', which is neither a number nor an earlier column.",
            "mapping.filter[0]: 'column' must name a column of mapping.columns, not 'Nope'.", "'mapping.rowKey' needs 'mapping.partitionKey' too",
        })
        {
            Assert.Contains(problem, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task RunEtl_CancelledMidRun_StartsNoFurtherChunkAndEndsCancelled()
    {
        const int rows = 1000;
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        var container = await EtlData.UploadGeneratedAsync(azurite, rows);
        var table = EtlData.NewTable();
        var arguments = Arguments(container, table, chunkRows: 10, prefix: "big/");
        arguments["parallelism"] = 1;

        var taskId = TaskAssert.IsCreateTaskResult(await alice.CallToolAsync("run_etl", arguments, withTasks: true), DateTimeOffset.UtcNow);
        var running = await alice.WaitForTaskAsync(taskId, t => EtlData.RowsDone(t) >= 20, Timeout, "20 rows loaded");
        Assert.Matches(@"^\d{1,3}(,\d{3})* / 1,000 rows$", TaskAssert.StatusMessage(running));
        TaskAssert.IsAcknowledgement(await alice.CancelTaskAsync(taskId));
        var cancelled = await alice.WaitForTerminalAsync(taskId, Timeout);
        var atCancel = await EtlData.CountAsync(azurite, table);

        Assert.Equal("cancelled", TaskAssert.Status(cancelled));
        // At most the one chunk that was running may still land; no chunk starts after the cancel.
        await Poll.HoldsAsync(() => EtlData.CountAsync(azurite, table), count => count <= atCancel + 10 && count < rows, TimeSpan.FromSeconds(3), "no further chunk is loaded");
    }

    [Fact]
    public async Task ReadOutput_LargerThanOneAnswer_RefusedWholeAndReadInPagesOfWholeLines()
    {
        var process = await ServerAsync();
        using var alice = process.CreateClient("alicetoken");
        var container = await EtlData.UploadGeneratedAsync(azurite, 100, amount: "not-a-number");
        var taskId = TaskAssert.IsCreateTaskResult(await alice.CallToolAsync("run_etl", Arguments(container, EtlData.NewTable(), prefix: "big/"), withTasks: true), DateTimeOffset.UtcNow);
        var done = await alice.WaitForTerminalAsync(taskId, Timeout);
        Assert.Equal(100, done["result"]!["structuredContent"]!["rejected"]!.GetValue<int>());
        var uri = $"task://{taskId}/rejects.jsonl";
        var stored = (await azurite.CreateBlobServiceClient().GetBlobContainerClient("task-outputs").GetBlobClient($"{taskId}/rejects.jsonl").DownloadContentAsync()).Value.Content.ToString();
        Assert.True(stored.Length > MaxReadBytes, $"The reject file is only {stored.Length} bytes.");

        var whole = await EtlData.ReadResourceAsync(alice, uri);
        Assert.Equal(-32602, whole.RequireErrorCode());
        Assert.Contains($"Read it in pages instead: '{uri}?offset=0'", whole.ErrorMessage, StringComparison.Ordinal);

        var pages = new List<string>();
        for (var next = $"{uri}?offset=0"; next is not null; pages.Add(await PageAsync(alice, next, p => next = p)))
        {
            Assert.True(pages.Count < 100, "The pages never end.");
        }

        Assert.True(pages.Count > 1);
        Assert.All(pages, page => Assert.True(page.EndsWith('\n') && System.Text.Encoding.UTF8.GetByteCount(page) <= MaxReadBytes, $"Not a page of whole lines: {page.Length}"));
        Assert.Equal(stored, string.Concat(pages));
    }

    private static async Task<string> PageAsync(McpHttpClient client, string uri, Action<string?> next)
    {
        var contents = (await EtlData.ReadResourceAsync(client, uri)).RequireResult()["contents"]![0]!;
        next(contents["_meta"]?["durable-mcp/nextPage"]?.GetValue<string>());
        return contents["text"]!.GetValue<string>();
    }

    internal static JsonObject Arguments(string container, string table, int chunkRows = 1000, string prefix = "orders/") => new()
    {
        ["container"] = container,
        ["prefix"] = prefix,
        ["table"] = table,
        ["mapping"] = EtlData.Mapping(),
        ["chunkRows"] = chunkRows,
    };

    private Task<ServerProcess> ServerAsync() => server.GetAsync(azurite, "etl", settings =>
    {
        settings.WithDevTokens(new Dictionary<string, string> { ["alicetoken"] = "alice", ["bobtoken"] = "bob" });
        settings["McpTasks__MaxResourceReadBytes"] = MaxReadBytes.ToString(System.Globalization.CultureInfo.InvariantCulture);
    });
}
