using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableMcp.Bench;

/// <summary>
/// The same two operations through MCP and through raw clients, one at a time and interleaved (who goes first rotates),
/// so load from elsewhere on the machine falls on all alike: <c>tools/call run_steps</c> answered with a
/// <c>CreateTaskResult</c> against <c>ScheduleNewOrchestrationInstanceAsync("run_steps")</c>, then <c>tasks/get</c>
/// against <c>GetInstanceAsync(id, getInputsAndOutputs: true)</c> (what the layer reads). Two raw clients: one with an
/// engine of its own in the bench process, and one on the server's engine (see <see cref="Tenant.Engine"/>). The server's
/// worker is off, so no orchestration runs beside them and the instances stay pending. The timed rounds run with both
/// processes straight on Azurite; a second server, behind the counting proxies, repeats a few rounds to count the storage
/// requests of each call and to show what the proxies would have added.
/// </summary>
internal static class LatencyPhase
{
    public const string Tool = "run_steps";
    private const int CountedRounds = 50;
    private const int CountedWarmup = 10;

    public static async Task<LatencyResult> RunAsync(BenchContext bench, CancellationToken cancellationToken = default)
    {
        TimedLatency timed;
        await using (var tenant = await Tenant.StartAsync(bench, "server (worker off)", "benchlatency", workerEnabled: false, null, cancellationToken, counted: false))
        {
            timed = await TimeAsync(bench, tenant, cancellationToken);
        }

        await using (var tenant = await Tenant.StartAsync(bench, "server (worker off, counted)", "benchcounted", workerEnabled: false, null, cancellationToken))
        {
            var (create, get) = await CreateAndGetAsync(bench, tenant, CountedWarmup, Math.Min(CountedRounds, bench.Settings.LatencyCalls), withEngine: false, cancellationToken);
            return new LatencyResult(timed.Create, timed.Get, create, get, timed.NoStorage, timed.Breakdown, timed.OtherCores);
        }
    }

    private sealed record TimedLatency(PairedResult Create, PairedResult Get, LatencyStats NoStorage, CreateBreakdown Breakdown, double? OtherCores);

    private static async Task<TimedLatency> TimeAsync(BenchContext bench, Tenant tenant, CancellationToken cancellationToken)
    {
        var cpuBefore = bench.Cpu([tenant.Server]);
        var (create, get) = await CreateAndGetAsync(bench, tenant, bench.Settings.WarmupRounds, bench.Settings.LatencyCalls, withEngine: true, cancellationToken);
        var breakdown = await BreakdownAsync(bench, tenant, cancellationToken);
        var mcp = new McpTaskClient(bench.Http, tenant.Server.McpEndpoint);
        var list = new List<double>(bench.Settings.LatencyCalls);
        for (var i = 0; i < bench.Settings.LatencyCalls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await mcp.ListToolsAsync(cancellationToken);
            list.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new TimedLatency(create, get, LatencyStats.From(list), breakdown, CpuSample.OtherCores(cpuBefore, bench.Cpu([tenant.Server])));
    }

    /// <summary>
    /// <paramref name="calls"/> creates each way after <paramref name="warmup"/> rounds, then a get of each task; the raw
    /// client on the server's engine too when <paramref name="withEngine"/> (its storage requests are the server's, so
    /// counted rounds leave it out).
    /// </summary>
    private static async Task<(PairedResult Create, PairedResult Get)> CreateAndGetAsync(
        BenchContext bench, Tenant tenant, int warmup, int calls, bool withEngine, CancellationToken cancellationToken)
    {
        var mcp = new McpTaskClient(bench.Http, tenant.Server.McpEndpoint);
        var raw = tenant.Raw.Client;
        var engine = tenant.Engine;
        var arguments = new JsonObject { ["steps"] = 3 };
        var input = JsonSerializer.SerializeToElement(arguments);

        for (var i = 0; i < warmup; i++)
        {
            var mcpId = await mcp.CallToolAsTaskAsync(Tool, (JsonObject)arguments.DeepClone(), cancellationToken);
            var rawId = await raw.ScheduleNewOrchestrationInstanceAsync(Tool, input, cancellationToken);
            var engineId = await engine.ScheduleNewOrchestrationInstanceAsync(Tool, input, cancellationToken);
            await mcp.GetTaskAsync(mcpId, cancellationToken);
            await raw.GetInstanceAsync(rawId, getInputsAndOutputs: true, cancellationToken);
            await engine.GetInstanceAsync(engineId, getInputsAndOutputs: true, cancellationToken);
            await mcp.ListToolsAsync(cancellationToken);
        }

        var create = new Paired(calls);
        var mcpIds = new List<string>(calls);
        var rawIds = new List<string>(calls);
        var engineIds = new List<string>(calls);
        for (var i = 0; i < calls; i++)
        {
            await create.RoundAsync(
                i,
                tenant,
                async () => mcpIds.Add(await mcp.CallToolAsTaskAsync(Tool, (JsonObject)arguments.DeepClone(), cancellationToken)),
                async () => rawIds.Add(await raw.ScheduleNewOrchestrationInstanceAsync(Tool, input, cancellationToken)),
                withEngine ? async () => engineIds.Add(await engine.ScheduleNewOrchestrationInstanceAsync(Tool, input, cancellationToken)) : null);
        }

        var get = new Paired(calls);
        for (var i = 0; i < calls; i++)
        {
            var (mcpId, rawId, engineId) = (mcpIds[i], rawIds[i], withEngine ? engineIds[i] : null);
            await get.RoundAsync(
                i,
                tenant,
                async () => Expect("working", McpTaskClient.StatusOf(await mcp.GetTaskAsync(mcpId, cancellationToken)), mcpId),
                async () => Expect(nameof(OrchestrationRuntimeStatus.Pending), (await raw.GetInstanceAsync(rawId, getInputsAndOutputs: true, cancellationToken))?.RuntimeStatus.ToString(), rawId),
                engineId is null ? null : async () => Expect(nameof(OrchestrationRuntimeStatus.Pending), (await engine.GetInstanceAsync(engineId, getInputsAndOutputs: true, cancellationToken))?.RuntimeStatus.ToString(), engineId));
        }

        return (create.Result(), get.Result());
    }

    /// <summary>
    /// Where the difference goes: the raw schedule again, plain and shaped as the layer shapes it (its instance id and
    /// tags), and a tools/call the layer refuses before any task exists (invalid arguments: HTTP, MCP and the task filter).
    /// </summary>
    private static async Task<CreateBreakdown> BreakdownAsync(BenchContext bench, Tenant tenant, CancellationToken cancellationToken)
    {
        var mcp = new McpTaskClient(bench.Http, tenant.Server.McpEndpoint);
        var raw = tenant.Raw.Client;
        var input = JsonSerializer.SerializeToElement(new JsonObject { ["steps"] = 3 });
        var calls = bench.Settings.LatencyCalls;
        var plain = new List<double>(calls / 2);
        var shaped = new List<double>(calls / 2);
        var refused = new List<double>(calls / 2);
        var tags = TaskTags.For("2026-07-28", inline: false, owner: null, TimeSpan.FromDays(1), DateTimeOffset.UtcNow);
        for (var i = 0; i < calls / 2; i++)
        {
            var viaPlain = () => raw.ScheduleNewOrchestrationInstanceAsync(Tool, input, cancellationToken);
            var viaShaped = () => raw.ScheduleNewOrchestrationInstanceAsync(Tool, input, new StartOrchestrationOptions(TaskIds.New()) { Tags = tags }, cancellationToken);
            foreach (var (operation, times) in i % 2 == 0 ? new[] { (viaPlain, plain), (viaShaped, shaped) } : [(viaShaped, shaped), (viaPlain, plain)])
            {
                var started = Stopwatch.GetTimestamp();
                await operation();
                times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }

            var refusedAt = Stopwatch.GetTimestamp();
            var result = await mcp.CallToolAsync(Tool, new JsonObject { ["steps"] = 0 }, cancellationToken);
            refused.Add(Stopwatch.GetElapsedTime(refusedAt).TotalMilliseconds);
            if (!result.TryGetProperty("isError", out var isError) || !isError.GetBoolean())
            {
                throw new InvalidOperationException($"tools/call run_steps {{steps: 0}} was not refused: {result.GetRawText()}");
            }
        }

        return new CreateBreakdown(LatencyStats.From(plain), LatencyStats.From(shaped), LatencyStats.From(refused));
    }

    private static void Expect(string expected, string? actual, string id)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"Instance {id} is '{actual}', expected '{expected}': nothing should run it (worker off).");
        }
    }
}
