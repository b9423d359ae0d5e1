namespace DurableMcp.Tools.Etl;

/// <summary>What became of one source row: its values (loaded), the reason it was rejected, or neither (filtered out).</summary>
internal readonly record struct EtlRow(object?[]? Values, string? Rejection)
{
    public static EtlRow Filtered => default;

    public bool IsFiltered => Values is null && Rejection is null;

    public static EtlRow Loaded(object?[] values) => new(values, null);

    public static EtlRow Rejected(string reason) => new(null, reason);
}
