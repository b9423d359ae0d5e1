using System.Diagnostics;

namespace DurableMcp.Bench;

/// <summary>
/// Times one operation through MCP and its raw-client twins, round by round, rotating which goes first so each follows
/// each other alike; counts the storage requests each call caused (every proxy of the tenant, before and after the call).
/// The twin on the server's engine is optional.
/// </summary>
internal sealed class Paired(int rounds)
{
    private readonly List<double> _mcp = new(rounds);
    private readonly List<double> _raw = new(rounds);
    private readonly List<double> _engine = new(rounds);
    private OperationCounts _mcpOperations = OperationCounts.Empty;
    private OperationCounts _rawOperations = OperationCounts.Empty;

    public async Task RoundAsync(int round, Tenant tenant, Func<Task> viaMcp, Func<Task> viaRaw, Func<Task>? viaEngine = null)
    {
        Func<Task> mcp = async () => _mcpOperations = _mcpOperations.Plus(await TimeAsync(tenant, viaMcp, _mcp));
        Func<Task> raw = async () => _rawOperations = _rawOperations.Plus(await TimeAsync(tenant, viaRaw, _raw));
        Func<Task>[] order = viaEngine is null ? [mcp, raw] : [mcp, raw, async () => await TimeAsync(tenant, viaEngine, _engine)];
        for (var i = 0; i < order.Length; i++)
        {
            await order[(round + i) % order.Length]();
        }
    }

    public PairedResult Result() =>
        new(LatencyStats.From(_mcp), LatencyStats.From(_raw), _mcpOperations, _rawOperations, _engine.Count == 0 ? null : LatencyStats.From(_engine));

    private static async Task<OperationCounts> TimeAsync(Tenant tenant, Func<Task> operation, List<double> times)
    {
        var before = tenant.StorageRequests();
        var started = Stopwatch.GetTimestamp();
        await operation();
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return tenant.StorageRequests().Minus(before);
    }
}
