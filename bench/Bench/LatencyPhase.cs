using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.Tasks.Durable;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableMcp.Bench;

/// <summary>
/// The same two operations through MCP and through the raw client, one at a time and interleaved (who goes first
/// alternates), so load from elsewhere on the machine falls on both alike: <c>tools/call run_steps</c> answered with a
/// <c>CreateTaskResult</c> against <c>ScheduleNewOrchestrationInstanceAsync("run_steps")</c>, then <c>tasks/get</c>
/// against <c>GetInstanceAsync(id, getInputsAndOutputs: true)</c> (what the layer reads). The server's worker is off,
/// so no orchestration runs beside them and the instances stay pending. Storage requests are counted per call, each
/// process at its own proxy.
/// </summary>
internal static class LatencyPhase
{
    public const string Tool = "run_steps";
    private const int ProxyWarmup = 20;

    public static async Task<LatencyResult> RunAsync(BenchContext bench, Tenant tenant, CancellationToken cancellationToken = default)
    {
        var mcp = new McpTaskClient(bench.Http, tenant.Server.McpEndpoint);
        var raw = tenant.Raw.Client;
        var arguments = new JsonObject { ["steps"] = 3 };
        var input = JsonSerializer.SerializeToElement(arguments);

        for (var i = 0; i < bench.Settings.WarmupRounds; i++)
        {
            var mcpId = await mcp.CallToolAsTaskAsync(Tool, (JsonObject)arguments.DeepClone(), cancellationToken);
            var rawId = await raw.ScheduleNewOrchestrationInstanceAsync(Tool, input, cancellationToken);
            await mcp.GetTaskAsync(mcpId, cancellationToken);
            await raw.GetInstanceAsync(rawId, getInputsAndOutputs: true, cancellationToken);
            await mcp.ListToolsAsync(cancellationToken);
        }

        var calls = bench.Settings.LatencyCalls;
        var cpuBefore = bench.Cpu([tenant.Server]);
        var create = new Paired(calls);
        var mcpIds = new List<string>(calls);
        var rawIds = new List<string>(calls);
        for (var i = 0; i < calls; i++)
        {
            await create.RoundAsync(
                i,
                tenant,
                async () => mcpIds.Add(await mcp.CallToolAsTaskAsync(Tool, (JsonObject)arguments.DeepClone(), cancellationToken)),
                async () => rawIds.Add(await raw.ScheduleNewOrchestrationInstanceAsync(Tool, input, cancellationToken)));
        }

        // Where the difference goes: the raw schedule again, plain and shaped as the layer shapes it (its instance id and
        // tags), and a tools/call the layer refuses before any task exists (invalid arguments: HTTP, MCP and the task filter).
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

        var get = new Paired(calls);
        for (var i = 0; i < calls; i++)
        {
            var (mcpId, rawId) = (mcpIds[i], rawIds[i]);
            await get.RoundAsync(
                i,
                tenant,
                async () => Expect("working", McpTaskClient.StatusOf(await mcp.GetTaskAsync(mcpId, cancellationToken)), mcpId),
                async () => Expect(nameof(OrchestrationRuntimeStatus.Pending), (await raw.GetInstanceAsync(rawId, getInputsAndOutputs: true, cancellationToken))?.RuntimeStatus.ToString(), rawId));
        }

        // The instrument's own cost: the same read through the raw client's proxy and through a client straight to Azurite.
        var proxy = new List<double>(calls);
        var direct = new List<double>(calls);
        await using (var unproxied = await RawTaskHubClient.StartAsync(bench.DirectConnectionString, tenant.HubName, cancellationToken))
        {
            for (var i = -ProxyWarmup; i < calls; i++)
            {
                foreach (var (client, times) in i % 2 == 0 ? new[] { (raw, proxy), (unproxied.Client, direct) } : [(unproxied.Client, direct), (raw, proxy)])
                {
                    var started = Stopwatch.GetTimestamp();
                    await client.GetInstanceAsync(rawIds[Math.Max(i, 0)], getInputsAndOutputs: true, cancellationToken);
                    if (i >= 0)
                    {
                        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            }
        }

        var list = new List<double>(calls);
        for (var i = 0; i < calls; i++)
        {
            var started = Stopwatch.GetTimestamp();
            await mcp.ListToolsAsync(cancellationToken);
            list.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return new LatencyResult(
            create.Result(),
            get.Result(),
            LatencyStats.From(list),
            LatencyStats.From(proxy),
            LatencyStats.From(direct),
            new CreateBreakdown(LatencyStats.From(plain), LatencyStats.From(shaped), LatencyStats.From(refused)),
            CpuSample.OtherCores(cpuBefore, bench.Cpu([tenant.Server])));
    }

    private static void Expect(string expected, string? actual, string id)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"Instance {id} is '{actual}', expected '{expected}': nothing should run it (worker off).");
        }
    }
}
