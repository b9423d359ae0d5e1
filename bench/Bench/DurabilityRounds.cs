using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>
/// Runs a durability comparison round by round, the durable side first in odd rounds and the plain loop first in even
/// ones, so neither always meets a warmer (or more cluttered) Azurite and machine than the other.
/// </summary>
internal static class DurabilityRounds
{
    public static async Task<DurabilityResult> RunAsync(
        BenchContext bench,
        string phase,
        string unit,
        long items,
        int rounds,
        Func<int, CancellationToken, Task<SideRun>> durable,
        Func<int, CancellationToken, Task<SideRun>> plain,
        CancellationToken cancellationToken = default)
    {
        var results = new List<DurabilityRound>(rounds);
        for (var round = 1; round <= rounds; round++)
        {
            var durableFirst = round % 2 == 1;
            SideRun durableRun, plainRun;
            if (durableFirst)
            {
                durableRun = await SideAsync(bench, phase, unit, items, round, "durable", durable, cancellationToken);
                plainRun = await SideAsync(bench, phase, unit, items, round, "plain", plain, cancellationToken);
            }
            else
            {
                plainRun = await SideAsync(bench, phase, unit, items, round, "plain", plain, cancellationToken);
                durableRun = await SideAsync(bench, phase, unit, items, round, "durable", durable, cancellationToken);
            }

            results.Add(new DurabilityRound(round, durableFirst, durableRun, plainRun));
        }

        return new DurabilityResult(items, results);
    }

    private static async Task<SideRun> SideAsync(
        BenchContext bench, string phase, string unit, long items, int round, string side, Func<int, CancellationToken, Task<SideRun>> run, CancellationToken cancellationToken)
    {
        var result = await run(round, cancellationToken);
        bench.Progress(string.Create(CultureInfo.InvariantCulture,
            $"{phase} round {round}, {side}: {items / result.Elapsed.TotalSeconds:N1} {unit}/s ({result.Elapsed.TotalSeconds:0.0} s); {result.Cpu.Describe()}"));
        return result;
    }
}
