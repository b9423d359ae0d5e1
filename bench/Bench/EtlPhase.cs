using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Specialized;
using DurableMcp.Tools.Etl;

namespace DurableMcp.Bench;

/// <summary>
/// run_etl's rows per second on generated rows, against a plain single-process loop doing the same work without
/// durability: the same file streamed from the same Azurite, parsed, mapped and upserted in transactions of 100 rows with
/// run_etl's own reader and mapping, with as many transactions in flight as run_etl has chunks. The ratio is the price
/// of durability (the planning pass, one activity per chunk, checkpoints, status). Rounds alternate which side goes
/// first; each side loads into a fresh table, and each durable round runs on a fresh server and task hub.
/// </summary>
internal static class EtlPhase
{
    private const string Container = "bench-etl";
    private const string Blob = "orders/orders.csv";

    private static readonly JsonObject Mapping = new()
    {
        ["columns"] = new JsonArray(
            new JsonObject { ["name"] = "OrderId", ["from"] = "order_id", ["required"] = true },
            new JsonObject { ["name"] = "Region", ["from"] = "region" },
            new JsonObject { ["name"] = "Amount", ["from"] = "amount", ["type"] = "double" },
            new JsonObject { ["name"] = "Quantity", ["from"] = "quantity", ["type"] = "int" },
            new JsonObject { ["name"] = "Total", ["derive"] = "Amount * Quantity" }),
        ["filter"] = new JsonArray(new JsonObject { ["column"] = "Amount", ["op"] = "gt", ["value"] = 0 }),
    };

    public static async Task<DurabilityResult> RunAsync(BenchContext bench, CancellationToken cancellationToken = default)
    {
        var settings = bench.Settings;
        var blobs = new BlobServiceClient(bench.DirectConnectionString);
        var tables = new TableServiceClient(bench.DirectConnectionString);
        await GenerateAsync(blobs, settings.EtlRows, cancellationToken);
        return await DurabilityRounds.RunAsync(
            bench,
            "etl",
            "rows",
            settings.EtlRows,
            settings.EtlRounds,
            (round, ct) => DurableAsync(bench, tables, round, ct),
            (round, ct) => PlainAsync(bench, blobs, tables, round, ct),
            cancellationToken);
    }

    /// <summary>run_etl on a fresh server and task hub, into a fresh table (deleted afterwards: Azurite slows as its tables grow).</summary>
    private static async Task<SideRun> DurableAsync(BenchContext bench, TableServiceClient tables, int round, CancellationToken cancellationToken)
    {
        var settings = bench.Settings;
        var table = string.Create(CultureInfo.InvariantCulture, $"benchdurable{round}");
        await using var tenant = await Tenant.StartAsync(
            bench, "server (worker on, run_etl)", string.Create(CultureInfo.InvariantCulture, $"benchetl{round}"), workerEnabled: true, null, cancellationToken, counted: false);
        var client = new McpTaskClient(bench.Http, tenant.Server.McpEndpoint);
        var before = bench.Cpu([tenant.Server]);
        var (task, elapsed) = await DurableToolCall.RunAsync(bench, client, "run_etl", new JsonObject
        {
            ["container"] = Container,
            ["prefix"] = "orders/",
            ["table"] = table,
            ["mapping"] = Mapping.DeepClone(),
            ["chunkRows"] = settings.EtlChunkRows,
            ["parallelism"] = settings.EtlParallelism,
        }, "etl", cancellationToken);
        var cpu = CpuUse.Between(before, bench.Cpu([tenant.Server]));
        var loaded = DurableToolCall.StructuredResult(task, "run_etl").GetProperty("loaded").GetInt64();
        if (loaded != settings.EtlRows)
        {
            throw new InvalidOperationException($"run_etl loaded {loaded} of {settings.EtlRows} rows: {task.GetRawText()}");
        }

        await tables.DeleteTableAsync(table, cancellationToken);
        return new SideRun(elapsed, cpu);
    }

    /// <summary>The plain loop in the bench process, into a fresh table (deleted afterwards).</summary>
    private static async Task<SideRun> PlainAsync(BenchContext bench, BlobServiceClient blobs, TableServiceClient tables, int round, CancellationToken cancellationToken)
    {
        var settings = bench.Settings;
        var table = string.Create(CultureInfo.InvariantCulture, $"benchplain{round}");
        var before = bench.Cpu([]);
        var clock = Stopwatch.StartNew();
        var loaded = await PlainLoopAsync(blobs, tables.GetTableClient(table), settings.EtlParallelism, cancellationToken);
        var elapsed = clock.Elapsed;
        var cpu = CpuUse.Between(before, bench.Cpu([]));
        if (loaded != settings.EtlRows)
        {
            throw new InvalidOperationException($"The plain loop loaded {loaded} of {settings.EtlRows} rows.");
        }

        await tables.DeleteTableAsync(table, cancellationToken);
        return new SideRun(elapsed, cpu);
    }

    /// <summary>The file, generated straight into a block blob (never whole in memory).</summary>
    private static async Task GenerateAsync(BlobServiceClient blobs, int rows, CancellationToken cancellationToken)
    {
        var container = blobs.GetBlobContainerClient(Container);
        await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await using var stream = await container.GetBlockBlobClient(Blob).OpenWriteAsync(overwrite: true, cancellationToken: cancellationToken);
        await using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16);
        await writer.WriteLineAsync("order_id,region,amount,quantity,note".AsMemory(), cancellationToken);
        for (var i = 1; i <= rows; i++)
        {
            await writer.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"O{i},region{i % 13},{(i % 500) + 1}.25,{(i % 9) + 1},generated row {i}").AsMemory(), cancellationToken);
        }
    }

    /// <summary>Stream, parse, map, upsert in transactions of 100 (one partition per 1,000 rows), a few transactions in flight.</summary>
    private static async Task<long> PlainLoopAsync(BlobServiceClient blobs, TableClient table, int inFlight, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var transform = EtlTransform.Compile(System.Text.Json.JsonSerializer.Deserialize<EtlMapping>(Mapping.ToJsonString(), new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web)), problems)
            ?? throw new InvalidOperationException(string.Join(" ", problems));
        var names = transform.Names.ToArray();
        await table.CreateIfNotExistsAsync(cancellationToken);
        await using var stream = await blobs.GetBlobContainerClient(Container).GetBlobClient(Blob).OpenReadAsync(cancellationToken: cancellationToken);
        var reader = new DelimitedRecordReader(stream, skipBom: true);
        var header = (await reader.ReadCsvAsync(cancellationToken: cancellationToken)).Fields!;
        var index = header.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i, StringComparer.Ordinal);
        var pending = new List<Task>();
        var batch = new List<TableTransactionAction>(100);
        long row = 0, loaded = 0;
        string? partition = null;
        while ((await reader.ReadCsvAsync(cancellationToken: cancellationToken)).Fields is { } fields)
        {
            row++;
            var outcome = transform.Apply(name => index.TryGetValue(name, out var i) ? fields[i] : null);
            if (outcome.Values is not { } values)
            {
                continue;
            }

            var key = string.Create(CultureInfo.InvariantCulture, $"p{(row - 1) / 1000:D7}");
            if (batch.Count == 100 || (partition is not null && key != partition))
            {
                loaded += batch.Count;
                await SendAsync(table, batch, pending, inFlight, cancellationToken);
                batch = new List<TableTransactionAction>(100);
            }

            partition = key;
            var entity = new TableEntity(key, string.Create(CultureInfo.InvariantCulture, $"{row:D10}"));
            for (var i = 0; i < values.Length; i++)
            {
                if (values[i] is { } value)
                {
                    entity[names[i]] = value;
                }
            }

            batch.Add(new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity));
        }

        loaded += batch.Count;
        await SendAsync(table, batch, pending, inFlight, cancellationToken);
        await Task.WhenAll(pending);
        return loaded;
    }

    private static async Task SendAsync(TableClient table, List<TableTransactionAction> batch, List<Task> pending, int inFlight, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        if (pending.Count >= inFlight)
        {
            var finished = await Task.WhenAny(pending);
            pending.Remove(finished);
            await finished;
        }

        pending.Add(table.SubmitTransactionAsync(batch, cancellationToken));
    }
}
