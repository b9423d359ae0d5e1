using System.Diagnostics;
using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>
/// CPU time used so far by Azurite, by the server processes of interest, by the bench itself, and (on Linux) by the
/// whole machine, at one moment. Two samples give CPU per task, and how much CPU other processes on the machine took
/// meanwhile, which says whether a number was measured on a quiet machine.
/// </summary>
internal sealed record CpuSample(DateTimeOffset At, TimeSpan Azurite, TimeSpan Servers, TimeSpan Bench, long? MachineBusyTicks, long? MachineTotalTicks)
{
    public static CpuSample Take(Process azurite, IEnumerable<ServerProcess> servers)
    {
        var machine = ReadMachineTicks();
        return new CpuSample(
            DateTimeOffset.UtcNow,
            ProcessorTime(azurite),
            servers.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.ProcessorTime),
            ProcessorTime(Process.GetCurrentProcess()),
            machine?.Busy,
            machine?.Total);
    }

    /// <summary>Busy share of all cores between two samples; null where /proc/stat is not there.</summary>
    public static double? MachineBusyFraction(CpuSample from, CpuSample to) =>
        to.MachineTotalTicks - from.MachineTotalTicks is > 0 and var total ? (to.MachineBusyTicks - from.MachineBusyTicks) / (double)total : null;

    /// <summary>Cores used on average by every process other than Azurite, the sampled servers and the bench.</summary>
    public static double? OtherCores(CpuSample from, CpuSample to)
    {
        var seconds = (to.At - from.At).TotalSeconds;
        if (MachineBusyFraction(from, to) is not { } busy || seconds <= 0)
        {
            return null;
        }

        var ours = (to.Azurite - from.Azurite + (to.Servers - from.Servers) + (to.Bench - from.Bench)).TotalSeconds;
        return Math.Max(0, ((busy * Environment.ProcessorCount * seconds) - ours) / seconds);
    }

    public static TimeSpan ProcessorTime(Process process)
    {
        try
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
        catch (InvalidOperationException)
        {
            return TimeSpan.Zero;
        }
    }

    // The first line of /proc/stat: "cpu user nice system idle iowait irq softirq steal ..." in clock ticks since boot.
    private static (long Busy, long Total)? ReadMachineTicks()
    {
        try
        {
            var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..]
                .Select(f => long.Parse(f, CultureInfo.InvariantCulture)).ToArray();
            var total = fields.Take(8).Sum();
            return (total - fields[3] - fields[4], total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return null;
        }
    }
}
