using System.Globalization;

namespace DurableMcp.Bench;

/// <summary>Storage requests by kind (see <see cref="StorageRequestKind"/>), as a <see cref="StorageProxy"/> counted them.</summary>
internal sealed class OperationCounts(IReadOnlyDictionary<string, long> counts)
{
    public static readonly OperationCounts Empty = new(new Dictionary<string, long>());

    public IReadOnlyDictionary<string, long> ByKind { get; } = counts;

    public long Total => ByKind.Values.Sum();

    public long this[string kind] => ByKind.TryGetValue(kind, out var n) ? n : 0;

    public OperationCounts Plus(OperationCounts other) => Combine(other, +1);

    public OperationCounts Minus(OperationCounts other) => Combine(other, -1);

    /// <summary>Each kind's count divided by <paramref name="divisor"/>, largest first, for logs and details.</summary>
    public string Describe(double divisor) => string.Join(", ", ByKind.Where(p => p.Value != 0).OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value / divisor:0.##}")));

    private OperationCounts Combine(OperationCounts other, int sign)
    {
        var result = new Dictionary<string, long>(ByKind, StringComparer.Ordinal);
        foreach (var (kind, n) in other.ByKind)
        {
            result[kind] = (result.TryGetValue(kind, out var mine) ? mine : 0) + (sign * n);
        }

        return new OperationCounts(result);
    }
}
