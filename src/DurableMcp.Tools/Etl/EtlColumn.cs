using System.ComponentModel;

namespace DurableMcp.Tools.Etl;

/// <summary>One loaded column: renamed from a source field and cast, or derived from earlier columns.</summary>
/// <param name="Name">The table property's name.</param>
/// <param name="From">The source field (CSV header or JSON property); default: <paramref name="Name"/>.</param>
/// <param name="Type">string, int, long, double, bool or datetime.</param>
/// <param name="Required">Rows without a value are rejected.</param>
/// <param name="Derive">An expression over earlier columns, instead of <paramref name="From"/>.</param>
public sealed record EtlColumn(
    [property: Description("The table property's name: a letter or '_', then letters, digits or '_' (not PartitionKey, RowKey, Timestamp or ETag).")]
    string Name,
    [property: Description("The source field: a CSV header name or a top-level JSON property. Default: the column's name.")]
    string? From = null,
    [property: Description("string (default), int, long, double, bool (true/false/1/0/yes/no) or datetime (ISO 8601; UTC unless it says otherwise). A value that does not cast rejects the row.")]
    string? Type = null,
    [property: Description("Reject rows that have no value for this column (default false: the property is left out).")]
    bool Required = false,
    [property: Description("Instead of 'from': 'a * b' (one of + - * / between two earlier numeric columns or numbers; a double unless type says int or long) or a template like '{first} {last}' (a string).")]
    string? Derive = null);
