using System.Globalization;
using System.Text.Json;
using static ModelContextProtocol.Protocol.ElicitRequestParams;

namespace DurableMcp.Tasks.Elicitation;

/// <summary>
/// Checks an answer (an <c>ElicitResult</c>: <c>{action, content?}</c>) against the form that was asked, so a wrong
/// answer is refused with a message naming the field, and the question stays open.
/// </summary>
internal static class ElicitationResponseValidator
{
    /// <summary>Null when the answer fits; otherwise what is wrong with it.</summary>
    public static string? Validate(RequestSchema schema, JsonElement response)
    {
        if (response.ValueKind != JsonValueKind.Object || !response.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.String)
        {
            return "an answer is an object with \"action\": \"accept\", \"decline\" or \"cancel\"";
        }

        switch (action.GetString())
        {
            case "decline" or "cancel":
                return null;
            case "accept":
                break;
            default:
                return $"action must be \"accept\", \"decline\" or \"cancel\", not \"{action.GetString()}\"";
        }

        if (!response.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Object)
        {
            return "an accepted answer needs \"content\": an object with the form's fields";
        }

        var problems = new List<string>();
        foreach (var name in schema.Required ?? [])
        {
            if (!content.TryGetProperty(name, out _))
            {
                problems.Add($"'{name}' is required");
            }
        }

        foreach (var field in content.EnumerateObject())
        {
            if (!schema.Properties.TryGetValue(field.Name, out var definition))
            {
                problems.Add($"'{field.Name}' is not a field of this form");
            }
            else if (Check(definition, field.Value) is { } problem)
            {
                problems.Add($"'{field.Name}' {problem}");
            }
        }

        return problems.Count == 0 ? null : string.Join("; ", problems);
    }

    private static string? Check(PrimitiveSchemaDefinition definition, JsonElement value) => definition switch
    {
        StringSchema s => value.ValueKind != JsonValueKind.String ? "must be a string"
            : s.MinLength is { } min && value.GetString()!.Length < min ? $"must be at least {min} characters"
            : s.MaxLength is { } max && value.GetString()!.Length > max ? $"must be at most {max} characters"
            : null,
        BooleanSchema => value.ValueKind is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false",
        NumberSchema n => value.ValueKind != JsonValueKind.Number ? "must be a number"
            : n.Type == "integer" && !value.TryGetInt64(out _) ? "must be an integer"
            : n.Minimum is { } min && value.GetDouble() < min ? $"must be at least {min.ToString(CultureInfo.InvariantCulture)}"
            : n.Maximum is { } max && value.GetDouble() > max ? $"must be at most {max.ToString(CultureInfo.InvariantCulture)}"
            : null,
        UntitledSingleSelectEnumSchema e => OneOf(value, e.Enum),
        TitledSingleSelectEnumSchema e => OneOf(value, e.OneOf.Select(o => o.Const).ToList()),
#pragma warning disable CS0618, MCP9001 // Legacy enum schemas are still answered by clients in the field.
        LegacyTitledEnumSchema e => OneOf(value, e.Enum),
#pragma warning restore CS0618, MCP9001
        UntitledMultiSelectEnumSchema m => ManyOf(value, m.Items.Enum, m.MinItems, m.MaxItems),
        TitledMultiSelectEnumSchema m => ManyOf(value, m.Items.AnyOf.Select(o => o.Const).ToList(), m.MinItems, m.MaxItems),
        _ => null,
    };

    private static string? OneOf(JsonElement value, IList<string> allowed) =>
        value.ValueKind == JsonValueKind.String && allowed.Contains(value.GetString()!) ? null : $"must be one of {string.Join(", ", allowed)}";

    private static string? ManyOf(JsonElement value, IList<string> allowed, int? minItems, int? maxItems)
    {
        if (value.ValueKind != JsonValueKind.Array)
        {
            return "must be an array";
        }

        var items = value.EnumerateArray().ToList();
        return items.Any(i => i.ValueKind != JsonValueKind.String || !allowed.Contains(i.GetString()!)) ? $"may contain only {string.Join(", ", allowed)}"
            : minItems is { } min && items.Count < min ? $"needs at least {min} choices"
            : maxItems is { } max && items.Count > max ? $"allows at most {max} choices"
            : null;
    }
}
