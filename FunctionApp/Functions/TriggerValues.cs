using System.Globalization;
using System.Text.Json;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// Reads trigger data and metadata values as the Functions host sends them. The host serializes a value it cannot turn
/// into a JSON object on its own before embedding it, so a queue message <c>abc</c> arrives as <c>"abc"</c> (as the
/// documentation shows) or as <c>"\"abc\""</c> (as the host's code produces), and a number may arrive as a string.
/// Both forms are accepted.
/// </summary>
internal static class TriggerValues
{
    public static string? AsString(JsonElement? value)
    {
        switch (value?.ValueKind)
        {
            case JsonValueKind.String:
                var text = value.Value.GetString()!;
                if (text.Length >= 2 && text[0] == '"' && text[^1] == '"')
                {
                    try
                    {
                        return JsonSerializer.Deserialize(text, FunctionsJsonContext.Default.String) ?? text;
                    }
                    catch (JsonException)
                    {
                        return text;
                    }
                }

                return text;
            case JsonValueKind.Number:
                return value.Value.GetRawText();
            default:
                return null;
        }
    }

    public static long? AsInt64(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Number } number && number.TryGetInt64(out var n) ? n
        : long.TryParse(AsString(value), NumberStyles.Integer, CultureInfo.InvariantCulture, out n) ? n
        : null;

    public static DateTimeOffset? AsDateTimeOffset(JsonElement? value) =>
        DateTimeOffset.TryParse(AsString(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;
}
