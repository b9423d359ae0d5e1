using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>
/// CPU time used between two <see cref="CpuSample"/>s: by the sampled server processes, the bench process and Azurite,
/// and by the whole machine (Linux). Child processes (git) are not in their parent's figure, only in the machine's,
/// which also holds whatever else ran on the machine meanwhile.
/// </summary>
internal sealed record CpuUse(TimeSpan Servers, TimeSpan Bench, TimeSpan Azurite, double? MachineSeconds)
{
    public static CpuUse Between(CpuSample from, CpuSample to) => new(
        to.Servers - from.Servers,
        to.Bench - from.Bench,
        to.Azurite - from.Azurite,
        CpuSample.MachineBusyFraction(from, to) is { } busy ? busy * Environment.ProcessorCount * (to.At - from.At).TotalSeconds : null);

    /// <summary>Server, bench and Azurite together: the CPU of the processes doing the work (git excluded).</summary>
    public TimeSpan Ours => Servers + Bench + Azurite;

    public string Describe()
    {
        var machine = MachineSeconds is { } seconds ? string.Create(CultureInfo.InvariantCulture, $", machine {seconds:0.0} s") : "";
        return string.Create(CultureInfo.InvariantCulture, $"CPU server {Servers.TotalSeconds:0.0} s, bench {Bench.TotalSeconds:0.0} s, Azurite {Azurite.TotalSeconds:0.0} s{machine}");
    }
}
