using System.Globalization;

namespace DurableMcp.Tools.Etl;

/// <summary>Parsing and naming of <see cref="EtlValueType"/>.</summary>
internal static class EtlValueTypes
{
    /// <summary>The names a mapping uses, as listed in the tool's description.</summary>
    public static readonly IReadOnlyList<string> Names = ["string", "int", "long", "double", "bool", "datetime"];

    // Azure Tables stores DateTime from 1601-01-01 on.
    private static readonly DateTimeOffset EarliestTableDate = new(1601, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static bool TryParseName(string? name, out EtlValueType type)
    {
        var index = name is null ? 0 : Names.ToList().IndexOf(name);
        type = (EtlValueType)Math.Max(index, 0);
        return index >= 0;
    }

    public static string Name(this EtlValueType type) => Names[(int)type];

    public static bool IsNumeric(this EtlValueType type) => type is EtlValueType.Int or EtlValueType.Long or EtlValueType.Double;

    /// <summary>The value of <paramref name="raw"/> as <paramref name="type"/>, or why it is not one.</summary>
    public static bool TryCast(string raw, EtlValueType type, out object? value, out string? error)
    {
        error = null;
        var text = raw.Trim();
        switch (type)
        {
            case EtlValueType.String:
                value = raw;
                return true;
            case EtlValueType.Int when int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i):
                value = i;
                return true;
            case EtlValueType.Long when long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l):
                value = l;
                return true;
            case EtlValueType.Double when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d):
                value = d;
                return true;
            case EtlValueType.Bool when ParseBool(text) is { } b:
                value = b;
                return true;
            case EtlValueType.DateTime when DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t):
                if (t < EarliestTableDate)
                {
                    (value, error) = (null, $"'{Short(raw)}' is before 1601-01-01, the earliest date a table stores");
                    return false;
                }

                value = t.ToUniversalTime();
                return true;
            default:
                (value, error) = (null, $"'{Short(raw)}' is not {(type == EtlValueType.Int ? "an int" : "a " + type.Name())}");
                return false;
        }
    }

    /// <summary>A value in the invariant text form (keys, templates).</summary>
    public static string Format(object value) => value switch
    {
        DateTimeOffset t => t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    public static string Short(string text) => text.Length <= 40 ? text : text[..40] + "…";

    private static bool? ParseBool(string text) => text.ToUpperInvariant() switch
    {
        "TRUE" or "1" or "YES" => true,
        "FALSE" or "0" or "NO" => false,
        _ => null,
    };
}
