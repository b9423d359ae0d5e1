using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableMcp.Bench;

/// <summary>
/// Creation with identity on, as in production: a server with development tokens (<c>Identity:Mode=DevToken</c>,
/// Development only) so every task is bound to its caller and the per-caller limit on unfinished tasks applies, against
/// the raw schedule, interleaved. Calls rotate over a few callers, each holding a handful of unfinished tasks (the worker
/// is off), well under the limit: what a create costs a caller with some tasks under way.
/// </summary>
internal static class OwnerPhase
{
    public const int Callers = 10;

    public static async Task<PairedResult> RunAsync(BenchContext bench, CancellationToken cancellationToken = default)
    {
        var tokens = Enumerable.Range(0, Callers).Select(i => string.Create(CultureInfo.InvariantCulture, $"benchtoken{i}")).ToList();
        var settings = tokens.ToDictionary(t => $"Identity__DevTokens__{t}", t => t.Replace("token", "caller", StringComparison.Ordinal));
        settings["Identity__Mode"] = "DevToken";
        await using var tenant = await Tenant.StartAsync(bench, "server (worker off, callers with tokens)", "benchowner", workerEnabled: false, null, cancellationToken, settings);
        var clients = tokens.Select(t => new McpTaskClient(bench.Http, tenant.Server.McpEndpoint, t)).ToList();
        var input = JsonSerializer.SerializeToElement(new JsonObject { ["steps"] = 3 });
        var rounds = Math.Max(bench.Settings.LatencyCalls / 3, 10);
        var warmup = Math.Min(bench.Settings.WarmupRounds, Callers * 2);
        var create = new Paired(rounds);
        for (var i = -warmup; i < rounds; i++)
        {
            var client = clients[(i + warmup) % Callers];
            var viaMcp = () => client.CallToolAsTaskAsync(LatencyPhase.Tool, new JsonObject { ["steps"] = 3 }, cancellationToken);
            var viaRaw = () => tenant.Raw.Client.ScheduleNewOrchestrationInstanceAsync(LatencyPhase.Tool, input, cancellationToken);
            if (i < 0)
            {
                await viaMcp();
                await viaRaw();
            }
            else
            {
                await create.RoundAsync(i, tenant, viaMcp, viaRaw);
            }
        }

        return create.Result();
    }
}
