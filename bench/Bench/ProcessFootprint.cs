using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>
/// What a process holds at one moment, read from <c>/proc</c> (Linux): resident memory, threads and open file
/// descriptors (sockets included), the figures that grow when a server leaks under load.
/// </summary>
internal sealed record ProcessFootprint(TimeSpan At, double ResidentMegabytes, int Threads, int Handles)
{
    /// <summary>The footprint of process <paramref name="pid"/> now; null where <c>/proc</c> does not tell (not Linux, or gone).</summary>
    public static ProcessFootprint? Read(int pid, TimeSpan at)
    {
        var status = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status";
        try
        {
            double? residentKb = null;
            int? threads = null;
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                {
                    residentKb = double.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
                }
                else if (line.StartsWith("Threads:", StringComparison.Ordinal))
                {
                    threads = int.Parse(line.AsSpan(8).Trim(), CultureInfo.InvariantCulture);
                }
            }

            var handles = Directory.EnumerateFileSystemEntries($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd").Count();
            return residentKb is { } kb && threads is { } t ? new ProcessFootprint(at, kb / 1024, t, handles) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }
}
