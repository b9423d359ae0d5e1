using System.Globalization;
using System.Text;

namespace DurableMcp.Tools.Etl;

/// <summary>
/// A <c>derive</c> expression, deliberately tiny: either one arithmetic operation, <c>a op b</c> with <c>op</c> one of
/// <c>+ - * /</c> and each side an earlier numeric column or a number, or a template, text with <c>{column}</c>
/// placeholders. Nothing else: a mapping stays readable, and every expression is checked before a task exists.
/// </summary>
internal sealed class EtlExpression
{
    private readonly (int? Column, double Constant) _left;
    private readonly (int? Column, double Constant) _right;
    private readonly char _op;
    private readonly List<(string? Text, int Column)> _parts = [];

    private EtlExpression((int?, double) left, char op, (int?, double) right) => (_left, _op, _right) = (left, op, right);

    private EtlExpression(List<(string?, int)> parts) => (_parts, IsTemplate) = (parts, true);

    /// <summary>True for a template (a string), false for arithmetic (a number).</summary>
    public bool IsTemplate { get; }

    /// <summary>
    /// The expression, or null and why not. <paramref name="resolve"/> finds an earlier column by name: its index and
    /// type, or null when there is none.
    /// </summary>
    public static EtlExpression? Parse(string text, Func<string, (int Index, EtlValueType Type)?> resolve, out string? error)
    {
        ArgumentNullException.ThrowIfNull(resolve);
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "is empty.";
            return null;
        }

        return text.Contains('{', StringComparison.Ordinal) ? ParseTemplate(text, resolve, out error) : ParseArithmetic(text, resolve, out error);
    }

    /// <summary>The value for one row (<paramref name="values"/>: the row's earlier columns), or why there is none.</summary>
    public bool TryEvaluate(object?[] values, EtlValueType type, out object? value, out string? error)
    {
        error = null;
        value = null;
        if (IsTemplate)
        {
            var text = new StringBuilder();
            foreach (var (literal, column) in _parts)
            {
                if (literal is not null)
                {
                    text.Append(literal);
                }
                else if (values[column] is { } part)
                {
                    text.Append(EtlValueTypes.Format(part));
                }
                else
                {
                    return true; // a placeholder without a value: no value
                }
            }

            value = text.ToString();
            return true;
        }

        if (Operand(_left, values) is not { } a || Operand(_right, values) is not { } b)
        {
            return true;
        }

        if (_op == '/' && b == 0)
        {
            error = "division by zero";
            return false;
        }

        var result = _op switch { '+' => a + b, '-' => a - b, '*' => a * b, _ => a / b };
        switch (type)
        {
            case EtlValueType.Int when result == Math.Floor(result) && result is >= int.MinValue and <= int.MaxValue:
                value = (int)result;
                return true;
            case EtlValueType.Long when result == Math.Floor(result) && result is >= long.MinValue and <= long.MaxValue:
                value = (long)result;
                return true;
            case EtlValueType.Double when double.IsFinite(result):
                value = result;
                return true;
            default:
                error = string.Create(CultureInfo.InvariantCulture, $"{result:R} is not {(type == EtlValueType.Int ? "an int" : "a " + type.Name())}");
                return false;
        }
    }

    private static double? Operand((int? Column, double Constant) operand, object?[] values) => operand.Column is { } column
        ? values[column] switch { int i => i, long l => l, double d => d, _ => null }
        : operand.Constant;

    private static EtlExpression? ParseArithmetic(string text, Func<string, (int Index, EtlValueType Type)?> resolve, out string? error)
    {
        var tokens = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (tokens.Length != 3 || tokens[1] is not ("+" or "-" or "*" or "/"))
        {
            error = $"'{text}' must be 'a op b' with spaces around one of + - * / (or a template with {{column}} placeholders).";
            return null;
        }

        var left = ParseOperand(tokens[0], resolve, out error);
        if (error is not null)
        {
            return null;
        }

        var right = ParseOperand(tokens[2], resolve, out error);
        return error is null ? new EtlExpression(left, tokens[1][0], right) : null;
    }

    private static (int?, double) ParseOperand(string token, Func<string, (int Index, EtlValueType Type)?> resolve, out string? error)
    {
        error = null;
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out var constant) && double.IsFinite(constant))
        {
            return (null, constant);
        }

        switch (resolve(token))
        {
            case null:
                error = $"uses '{token}', which is neither a number nor an earlier column.";
                return default;
            case { Type: var type } when !type.IsNumeric():
                error = $"uses '{token}', a {type.Name()} column; arithmetic needs int, long or double columns.";
                return default;
            case { Index: var index }:
                return (index, 0);
        }
    }

    private static EtlExpression? ParseTemplate(string text, Func<string, (int Index, EtlValueType Type)?> resolve, out string? error)
    {
        error = null;
        var parts = new List<(string?, int)>();
        var position = 0;
        while (position < text.Length)
        {
            var open = text.IndexOf('{', position);
            if (open < 0)
            {
                parts.Add((text[position..], 0));
                break;
            }

            var close = text.IndexOf('}', open);
            if (close < 0)
            {
                error = $"'{text}' has a '{{' without its '}}'.";
                return null;
            }

            if (open > position)
            {
                parts.Add((text[position..open], 0));
            }

            var name = text[(open + 1)..close];
            if (resolve(name) is not { } column)
            {
                error = $"uses '{{{name}}}', which is not an earlier column.";
                return null;
            }

            parts.Add((null, column.Index));
            position = close + 1;
        }

        return new EtlExpression(parts);
    }
}
