using System.Diagnostics;

namespace DurableMcp.Bench;

/// <summary>
/// Times one operation through MCP and its raw-client twin, round by round, alternating which goes first; counts the
/// storage requests each call caused (every proxy of the tenant, before and after the call).
/// </summary>
internal sealed class Paired(int rounds)
{
    private readonly List<double> _mcp = new(rounds);
    private readonly List<double> _raw = new(rounds);
    private OperationCounts _mcpOperations = OperationCounts.Empty;
    private OperationCounts _rawOperations = OperationCounts.Empty;

    public async Task RoundAsync(int round, Tenant tenant, Func<Task> viaMcp, Func<Task> viaRaw)
    {
        if (round % 2 == 0)
        {
            _mcpOperations = _mcpOperations.Plus(await TimeAsync(tenant, viaMcp, _mcp));
            _rawOperations = _rawOperations.Plus(await TimeAsync(tenant, viaRaw, _raw));
        }
        else
        {
            _rawOperations = _rawOperations.Plus(await TimeAsync(tenant, viaRaw, _raw));
            _mcpOperations = _mcpOperations.Plus(await TimeAsync(tenant, viaMcp, _mcp));
        }
    }

    public PairedResult Result() => new(LatencyStats.From(_mcp), LatencyStats.From(_raw), _mcpOperations, _rawOperations);

    private static async Task<OperationCounts> TimeAsync(Tenant tenant, Func<Task> operation, List<double> times)
    {
        var before = tenant.StorageRequests();
        var started = Stopwatch.GetTimestamp();
        await operation();
        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        return tenant.StorageRequests().Minus(before);
    }
}
