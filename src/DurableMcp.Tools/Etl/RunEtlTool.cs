using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using DurableMcp.Tasks.Elicitation;
using DurableMcp.Tasks.Outputs;
using DurableMcp.Tasks.Tools;
using DurableMcp.Tools.Documents;
using Microsoft.DurableTask;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tools.Etl;

/// <summary>
/// A batch ETL as a durable tool: the orchestrator. It lists the source files, asks before loading into a table that
/// already holds rows, plans every file into chunks of whole rows (one activity per file), loads the chunks a few at a
/// time (one activity each: fan-out/fan-in, progress after each), and writes its outputs. Finished chunks are not loaded
/// again after a crash; a chunk cut short is loaded again, writing the same rows under the same keys.
/// </summary>
public static class RunEtlTool
{
    /// <summary>Transient storage failures are retried a few times before the task gives up with a clear error.</summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1)));

    /// <summary>The most chunks (activities) one run loads.</summary>
    public const int MaxChunks = 5_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [McpServerTool(Name = "run_etl", Title = "Load CSV and JSON Lines files into a table", ReadOnly = false, Destructive = true, Idempotent = true)]
    [Description("Extracts rows from the CSV (.csv, header row first) and JSON Lines (.jsonl/.ndjson, one object a line) blobs under a container prefix, " +
                 "maps them (rename, cast, filter, derive) and upserts them into an Azure Table. Runs as a durable task with progress in rows. " +
                 "Rows that do not fit the mapping go to a reject file with the reason and never fail the job. If the table already holds rows, " +
                 "the user is asked whether to replace them, append, or cancel. The result is a summary with links (resources/read) to the " +
                 "summary and reject files. Example mapping: {\"columns\":[{\"name\":\"OrderId\",\"from\":\"order_id\",\"required\":true}," +
                 "{\"name\":\"Amount\",\"type\":\"double\"},{\"name\":\"Quantity\",\"type\":\"int\"},{\"name\":\"Total\",\"derive\":\"Amount * Quantity\"}," +
                 "{\"name\":\"Label\",\"derive\":\"{OrderId}-{Quantity}\"}],\"filter\":[{\"column\":\"Amount\",\"op\":\"gt\",\"value\":0}]," +
                 "\"partitionKey\":\"Region\",\"rowKey\":\"OrderId\"} (Region would need a column too).")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<CallToolResult> RunAsync(
        TaskOrchestrationContext context,
        [Description("The blob container holding the source files.")][BlobContainerName] string container,
        [Description("The Azure Table to load into (created if missing): 3-63 letters and digits, starting with a letter.")][TableName] string table,
        [Description("What to load: 'columns' (each renamed from a source field with 'from' and cast with 'type', or computed with 'derive'), " +
                     "'filter' conditions, and optional 'partitionKey'/'rowKey' columns. Without keys, a row's keys are its file and row number, " +
                     "so loading the same files again writes the same rows.")][EtlMappingRules] EtlMapping mapping,
        [Description("Only blobs whose names start with this prefix. Other extensions than .csv, .jsonl and .ndjson are skipped.")] string prefix = "",
        [Description("Rows per checkpointed chunk: one activity each (1-1000000; a run loads at most 5,000 chunks).")][Range(1, 1_000_000)] int chunkRows = 10_000,
        [Description("Chunks loaded at the same time (1-16).")][Range(1, 16)] int parallelism = 4,
        [Description("How long to wait for the user's answer when the table already holds rows, in seconds; no answer loads nothing.")][Range(1, 2_592_000)] int answerTimeoutSeconds = 86_400)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(mapping);
        context.SetStatusMessage("listing the source files");
        var listed = await context.CallActivityAsync<EtlSourceList?>(nameof(ListEtlSources), new ListEtlSourcesInput(container, prefix), Retry);
        if (listed is null)
        {
            return Error($"The container '{container}' does not exist.");
        }

        if (listed.Sources.Count == 0)
        {
            return Error($"No .csv, .jsonl or .ndjson blobs under '{container}/{prefix}' ({listed.Skipped} other blob(s) there).");
        }

        context.SetStatusMessage($"checking table '{table}'");
        var choice = "new";
        if (await context.CallActivityAsync<bool>(nameof(PrepareEtlTable), table, Retry))
        {
            context.SetStatusMessage($"waiting for the user: table '{table}' already holds rows");
            var answer = await context.ElicitAsync<TableHoldsRowsQuestion>(
                $"Table '{table}' already holds rows. Replace them (every row is deleted first), append to them (rows with the same keys are overwritten), or cancel?",
                TimeSpan.FromSeconds(answerTimeoutSeconds));
            choice = answer is { Action: ElicitationAction.Accept, Content.Action: var action } && action != EtlLoadMode.Cancel
                ? action.ToString().ToLowerInvariant()
                : "cancel";
        }

        if (choice == "cancel")
        {
            var nothing = new EtlSummary(table, choice, 0, 0, 0, 0, 0, 0, [], new Dictionary<string, string>());
            context.SetStatusMessage("nothing loaded: the table already holds rows and the user did not choose replace or append");
            return Result($"Nothing loaded: table '{table}' already holds rows and the user did not choose to replace or append to them.", nothing, []);
        }

        var required = EtlTransform.Compile(mapping, []) is { } transform ? transform.RequiredSources : [];
        var scans = await context.FanOutAsync<ScanEtlFileInput, EtlFileScan>(
            nameof(ScanEtlFile),
            listed.Sources.Select(s => new ScanEtlFileInput(container, s, chunkRows, required)).ToList(),
            parallelism,
            Retry,
            CountProgress(context, listed.Sources.Count, "files planned"));

        var loads = new List<LoadEtlChunkInput>();
        foreach (var scan in scans.Where(s => s.Problem is null))
        {
            foreach (var chunk in scan.Chunks)
            {
                loads.Add(new LoadEtlChunkInput(context.InstanceId, loads.Count, container, table, chunk, scan.Header, mapping));
            }
        }

        var total = scans.Sum(s => s.Problem is null ? s.Rows : 0);
        if (loads.Count > MaxChunks)
        {
            // Every chunk is an activity whose input and result the history keeps: past a few thousand, replays slow down.
            return Error(string.Create(CultureInfo.InvariantCulture,
                $"The files hold {total:N0} rows: {loads.Count:N0} chunks of {chunkRows:N0}, more than one task loads ({MaxChunks:N0}). Nothing was loaded; call again with chunkRows of at least {(total + MaxChunks - 1) / MaxChunks:N0}."));
        }

        // Replace deletes as late as it can: after everything that could still end the run without loading anything.
        var deleted = 0L;
        if (choice == "replace")
        {
            context.SetStatusMessage($"deleting the rows of table '{table}'");
            deleted = await context.CallActivityAsync<long>(nameof(ClearEtlTable), table, Retry);
        }

        var done = 0L;
        context.SetStatusMessage(Rows(0, total));
        var results = await context.FanOutAsync<LoadEtlChunkInput, EtlChunkResult>(
            nameof(LoadEtlChunk),
            loads,
            parallelism,
            Retry,
            (_, result) => context.SetStatusMessage(Rows(done += result.Rows, total)));

        context.SetStatusMessage(Rows(total, total) + "; writing the summary");
        var files = scans.Where(s => s.Problem is null).Select(s =>
        {
            var own = loads.Select((load, i) => (load, result: results[i])).Where(x => x.load.Chunk.File == s.Name).Select(x => x.result).ToList();
            return new EtlFileSummary(s.Name, s.Rows, own.Count, own.Sum(r => r.Loaded), own.Sum(r => r.Rejected), own.Sum(r => r.Filtered));
        }).ToList();
        var rejected = results.Sum(r => r.Rejected);
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal) { ["summary"] = TaskOutputUri.For(context.InstanceId, EtlStorage.SummaryName) };
        if (rejected > 0)
        {
            outputs["rejects"] = TaskOutputUri.For(context.InstanceId, EtlStorage.RejectsName);
        }

        var summary = new EtlSummary(
            table,
            choice,
            files.Count,
            results.Sum(r => r.Rows),
            results.Sum(r => r.Loaded),
            rejected,
            results.Sum(r => r.Filtered),
            deleted,
            scans.Where(s => s.Problem is not null).Select(s => new EtlSkippedFile(s.Name, s.Problem!)).ToList(),
            outputs);
        var sizes = await context.CallActivityAsync<EtlOutputSizes>(nameof(FinishEtl), new FinishEtlInput(context.InstanceId, loads.Count, summary, files), Retry);

        var links = new List<ContentBlock>
        {
            TaskOutputLinks.For(context.InstanceId, EtlStorage.SummaryName, "application/json", sizes.SummaryBytes, "The run's summary with per-file counts."),
        };
        if (rejected > 0)
        {
            links.Add(TaskOutputLinks.For(context.InstanceId, EtlStorage.RejectsName, "application/x-ndjson", sizes.RejectsBytes,
                "The rejected rows, one JSON object a line: file, row, reason, record."));
        }

        context.SetStatusMessage(string.Create(CultureInfo.InvariantCulture, $"{summary.Loaded:N0} rows loaded into '{table}', {rejected:N0} rejected, {summary.Filtered:N0} filtered"));
        return Result(null, summary, links);
    }

    private static Action<int, EtlFileScan> CountProgress(TaskOrchestrationContext context, int total, string what)
    {
        var count = 0;
        return (_, _) => context.SetStatusMessage(string.Create(CultureInfo.InvariantCulture, $"{++count:N0} / {total:N0} {what}"));
    }

    private static string Rows(long done, long total) => string.Create(CultureInfo.InvariantCulture, $"{done:N0} / {total:N0} rows");

    private static CallToolResult Result(string? text, EtlSummary summary, List<ContentBlock> links)
    {
        var element = JsonSerializer.SerializeToElement(summary, Json);
        return new CallToolResult
        {
            Content = [new TextContentBlock { Text = text ?? element.GetRawText() }, .. links],
            StructuredContent = element,
        };
    }

    private static CallToolResult Error(string message) => new() { IsError = true, Content = [new TextContentBlock { Text = message }] };
}
