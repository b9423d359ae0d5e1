using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;

namespace DurableMcp.Bench;

/// <summary>
/// Create -> completed for a 1-activity tool on a warm host (its worker on): <c>tools/call run_steps {steps: 1}</c> then
/// <c>tasks/get</c> until <c>completed</c>, against scheduling the same orchestration raw and reading it with
/// <c>GetInstanceAsync</c> until <c>Completed</c>; both polled on the same <see cref="PollCadence"/>, rounds back to back.
/// The raw client lives in another process than the worker, as a second instance of the app would.
/// </summary>
internal static class CompletionPhase
{
    // A fresh server runs its first tasks on unoptimized (tier-0) code; these rounds take it past that.
    private const int WarmupRounds = 40;

    public static async Task<PairedResult> RunAsync(BenchContext bench, Tenant tenant, CancellationToken cancellationToken = default)
    {
        var mcp = new McpTaskClient(bench.Http, tenant.Server.McpEndpoint);
        var raw = tenant.Raw.Client;
        var input = JsonSerializer.SerializeToElement(new JsonObject { ["steps"] = 1 });
        var viaMcp = async () =>
        {
            var id = await mcp.CallToolAsTaskAsync(LatencyPhase.Tool, new JsonObject { ["steps"] = 1 }, cancellationToken);
            var task = await PollCadence.UntilAsync(() => mcp.GetTaskAsync(id, cancellationToken), t => McpTaskClient.StatusOf(t) != "working", $"task {id} to end", cancellationToken);
            Expect("completed", McpTaskClient.StatusOf(task), id);
        };
        var viaRaw = async () =>
        {
            var id = await raw.ScheduleNewOrchestrationInstanceAsync(LatencyPhase.Tool, input, cancellationToken);
            var instance = await PollCadence.UntilAsync(
                () => raw.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken), i => i is { IsCompleted: true }, $"instance {id} to end", cancellationToken);
            Expect(nameof(OrchestrationRuntimeStatus.Completed), instance?.RuntimeStatus.ToString(), id);
        };

        var warmup = new Paired(WarmupRounds);
        for (var i = 0; i < WarmupRounds; i++)
        {
            await warmup.RoundAsync(i, tenant, viaMcp, viaRaw);
        }

        var rounds = bench.Settings.CompletionRounds;
        var measured = new Paired(rounds);
        for (var i = 0; i < rounds; i++)
        {
            await measured.RoundAsync(i, tenant, viaMcp, viaRaw);
        }

        return measured.Result();
    }

    private static void Expect(string expected, string? actual, string id)
    {
        if (actual != expected)
        {
            throw new InvalidOperationException($"{id} ended '{actual}', expected '{expected}'.");
        }
    }
}
