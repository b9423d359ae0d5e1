using System.Text.Json;
using System.Text.RegularExpressions;

namespace DurableMcp.Tools.Etl;

/// <summary>
/// A checked <see cref="EtlMapping"/>, ready to apply to rows: <see cref="Compile"/> names every problem of a mapping
/// (so the caller can fix them all at once, before any task exists); <see cref="Apply"/> turns one source row into the
/// values to load, the reason it is rejected, or nothing (filtered out).
/// </summary>
internal sealed partial class EtlTransform
{
    /// <summary>Most columns a mapping may declare (a table entity has at most 252 properties of its own).</summary>
    public const int MaxColumns = 200;

    /// <summary>Longest string a table property holds (64 KiB of UTF-16).</summary>
    public const int MaxStringLength = 32 * 1024;

    private static readonly string[] ReservedNames = ["PartitionKey", "RowKey", "Timestamp", "ETag", "odata.etag"];
    private static readonly string[] Ops = ["eq", "ne", "gt", "ge", "lt", "le"];

    private readonly Column[] _columns;
    private readonly Condition[] _conditions;

    private EtlTransform(Column[] columns, Condition[] conditions, int? partitionKey, int? rowKey)
    {
        _columns = columns;
        _conditions = conditions;
        PartitionKeyIndex = partitionKey;
        RowKeyIndex = rowKey;
    }

    /// <summary>The loaded columns' names, in order.</summary>
    public IEnumerable<string> Names => _columns.Select(c => c.Name);

    /// <summary>The column holding the PartitionKey, if the mapping names one.</summary>
    public int? PartitionKeyIndex { get; }

    /// <summary>The column holding the RowKey, if the mapping names one.</summary>
    public int? RowKeyIndex { get; }

    /// <summary>Source fields a row must have (those of required columns): a CSV file whose header lacks one is skipped whole.</summary>
    public IReadOnlyList<string> RequiredSources => _columns.Where(c => c.Required && c.From is not null).Select(c => c.From!).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>The transform, or null with every problem of <paramref name="mapping"/> added to <paramref name="problems"/>.</summary>
    public static EtlTransform? Compile(EtlMapping? mapping, List<string> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var before = problems.Count;
        if (mapping?.Columns is not { Count: > 0 } declared)
        {
            problems.Add("'mapping.columns' must list at least one column.");
            return null;
        }

        if (declared.Count > MaxColumns)
        {
            problems.Add($"'mapping.columns' lists {declared.Count} columns; at most {MaxColumns}.");
        }

        var columns = new List<Column>();
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < declared.Count; i++)
        {
            var column = declared[i];
            var where = $"mapping.columns[{i}]" + (string.IsNullOrEmpty(column?.Name) ? "" : $" ('{column.Name}')");
            if (column is null || string.IsNullOrEmpty(column.Name) || !PropertyName().IsMatch(column.Name))
            {
                problems.Add($"{where}: 'name' must be a letter or '_' followed by letters, digits or '_' (at most 255).");
                continue;
            }

            if (ReservedNames.Contains(column.Name, StringComparer.OrdinalIgnoreCase))
            {
                problems.Add($"{where}: '{column.Name}' is a system property of table rows; choose another name (use 'partitionKey'/'rowKey' to set the keys).");
                continue;
            }

            if (!index.TryAdd(column.Name, columns.Count))
            {
                problems.Add($"{where}: the name '{column.Name}' is used twice (names are case-insensitive in tables).");
                continue;
            }

            if (!EtlValueTypes.TryParseName(column.Type, out var type))
            {
                problems.Add($"{where}: 'type' must be one of {string.Join(", ", EtlValueTypes.Names)}, not '{column.Type}'.");
            }

            Column? compiled = column.Derive is null
                ? CompileSource(column, type, where, problems)
                : column.From is not null
                    ? Fail(problems, $"{where}: give 'from' or 'derive', not both.")
                    : CompileDerived(column, type, column.Type is not null, where, index, columns, problems);
            columns.Add(compiled ?? new Column(column.Name, type, column.Required, column.From ?? column.Name, null));
        }

        var conditions = new List<Condition>();
        for (var i = 0; i < (mapping.Filter?.Count ?? 0); i++)
        {
            if (CompileCondition(mapping.Filter![i], $"mapping.filter[{i}]", index, columns, problems) is { } condition)
            {
                conditions.Add(condition);
            }
        }

        var partitionKey = KeyColumn(mapping.PartitionKey, "partitionKey", index, problems);
        var rowKey = KeyColumn(mapping.RowKey, "rowKey", index, problems);
        if (mapping.RowKey is not null && mapping.PartitionKey is null)
        {
            problems.Add("'mapping.rowKey' needs 'mapping.partitionKey' too: a table row is identified by both keys.");
        }

        return problems.Count > before ? null : new EtlTransform([.. columns], [.. conditions], partitionKey, rowKey);
    }

    /// <summary>
    /// The values of one source row (one per column, null where absent), or the reason it is rejected; neither when the
    /// filter leaves it out. <paramref name="source"/> gives a source field's raw text, or null when the row lacks it.
    /// </summary>
    public EtlRow Apply(Func<string, string?> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var values = new object?[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i];
            string? error;
            if (column.From is { } from)
            {
                var raw = source(from);
                if (string.IsNullOrEmpty(raw))
                {
                    if (column.Required)
                    {
                        return EtlRow.Rejected($"'{column.Name}': no value for '{from}'");
                    }

                    continue;
                }

                if (!EtlValueTypes.TryCast(raw, column.Type, out values[i], out error))
                {
                    return EtlRow.Rejected($"'{column.Name}': {error}");
                }
            }
            else if (column.Derived is { } derived)
            {
                if (!derived.TryEvaluate(values, column.Type, out values[i], out error))
                {
                    return EtlRow.Rejected($"'{column.Name}': {error}");
                }

                if (values[i] is null && column.Required)
                {
                    return EtlRow.Rejected($"'{column.Name}': no value (an operand is empty)");
                }
            }

            if (values[i] is string { Length: > MaxStringLength } text)
            {
                return EtlRow.Rejected($"'{column.Name}': {text.Length:N0} characters, more than a table property holds ({MaxStringLength:N0})");
            }
        }

        foreach (var condition in _conditions)
        {
            if (!condition.Holds(values))
            {
                return EtlRow.Filtered;
            }
        }

        return EtlRow.Loaded(values);
    }

    private static Column? CompileSource(EtlColumn column, EtlValueType type, string where, List<string> problems)
    {
        var from = column.From ?? column.Name;
        if (from.Length == 0)
        {
            return Fail(problems, $"{where}: 'from' is empty.");
        }

        return new Column(column.Name, type, column.Required, from, null);
    }

    private static Column? CompileDerived(
        EtlColumn column, EtlValueType type, bool typed, string where, Dictionary<string, int> index, List<Column> columns, List<string> problems)
    {
        var derived = EtlExpression.Parse(column.Derive!, name => index.TryGetValue(name, out var i) && i < columns.Count ? (i, columns[i].Type) : null, out var error);
        if (derived is null)
        {
            return Fail(problems, $"{where}: 'derive' {error}");
        }

        var result = typed ? type : derived.IsTemplate ? EtlValueType.String : EtlValueType.Double;
        if (derived.IsTemplate && result != EtlValueType.String)
        {
            return Fail(problems, $"{where}: a template ('{column.Derive}') makes a string; 'type' cannot be {result.Name()}.");
        }

        if (!derived.IsTemplate && result is not (EtlValueType.Int or EtlValueType.Long or EtlValueType.Double))
        {
            return Fail(problems, $"{where}: arithmetic ('{column.Derive}') makes a number; 'type' must be int, long or double, not {result.Name()}.");
        }

        return new Column(column.Name, result, column.Required, null, derived);
    }

    private static Condition? CompileCondition(EtlFilter? filter, string where, Dictionary<string, int> index, List<Column> columns, List<string> problems)
    {
        if (filter is null || string.IsNullOrEmpty(filter.Column) || !index.TryGetValue(filter.Column, out var column) || column >= columns.Count)
        {
            return Fail<Condition>(problems, $"{where}: 'column' must name a column of mapping.columns, not '{filter?.Column}'.");
        }

        if (!Ops.Contains(filter.Op, StringComparer.Ordinal))
        {
            return Fail<Condition>(problems, $"{where}: 'op' must be one of {string.Join(", ", Ops)}, not '{filter.Op}'.");
        }

        var type = columns[column].Type;
        object? value = null;
        var ok = filter.Value.ValueKind switch
        {
            JsonValueKind.Number when type.IsNumeric() => (value = filter.Value.GetDouble()) is not null,
            JsonValueKind.True or JsonValueKind.False when type == EtlValueType.Bool => (value = filter.Value.GetBoolean()) is not null,
            JsonValueKind.String when type is EtlValueType.String => (value = filter.Value.GetString()) is not null,
            JsonValueKind.String when type is EtlValueType.DateTime => EtlValueTypes.TryCast(filter.Value.GetString()!, type, out value, out _),
            _ => false,
        };
        if (!ok)
        {
            return Fail<Condition>(problems, $"{where}: 'value' {Short(filter.Value)} cannot be compared with '{columns[column].Name}', a {type.Name()} column.");
        }

        if (type == EtlValueType.Bool && filter.Op is not ("eq" or "ne"))
        {
            return Fail<Condition>(problems, $"{where}: a bool column is compared with eq or ne only.");
        }

        return new Condition(column, filter.Op, value!);
    }

    private static int? KeyColumn(string? name, string what, Dictionary<string, int> index, List<string> problems)
    {
        if (name is null)
        {
            return null;
        }

        if (!index.TryGetValue(name, out var column))
        {
            problems.Add($"'mapping.{what}' must name a column of mapping.columns, not '{name}'.");
            return null;
        }

        return column;
    }

    private static string Short(JsonElement value) => value.ValueKind == JsonValueKind.Undefined ? "(missing)" : EtlValueTypes.Short(value.GetRawText());

    private static Column? Fail(List<string> problems, string problem) => Fail<Column>(problems, problem);

    private static T? Fail<T>(List<string> problems, string problem)
        where T : class
    {
        problems.Add(problem);
        return null;
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,254}$")]
    private static partial Regex PropertyName();

    private sealed record Column(string Name, EtlValueType Type, bool Required, string? From, EtlExpression? Derived);

    private sealed record Condition(int Column, string Op, object Value)
    {
        public bool Holds(object?[] values)
        {
            if (values[Column] is not { } actual)
            {
                return false;
            }

            var order = actual switch
            {
                int i => ((double)i).CompareTo((double)Value),
                long l => ((double)l).CompareTo((double)Value),
                double d => d.CompareTo((double)Value),
                bool b => b == (bool)Value ? 0 : 1,
                DateTimeOffset t => t.CompareTo((DateTimeOffset)Value),
                _ => string.CompareOrdinal(EtlValueTypes.Format(actual), (string)Value),
            };
            return Op switch
            {
                "eq" => order == 0,
                "ne" => order != 0,
                "gt" => order > 0,
                "ge" => order >= 0,
                "lt" => order < 0,
                _ => order <= 0,
            };
        }
    }
}
