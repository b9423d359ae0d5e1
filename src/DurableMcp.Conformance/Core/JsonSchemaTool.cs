using System.Text.Json;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Conformance;

/// <summary>
/// <c>json_schema_2020_12_tool</c>: a tool whose input schema uses JSON Schema 2020-12 keywords (<c>$schema</c>,
/// <c>$defs</c> with <c>$anchor</c>, <c>allOf</c>/<c>anyOf</c>, <c>if</c>/<c>then</c>/<c>else</c>,
/// <c>additionalProperties</c>) that <c>tools/list</c> must pass through untouched (SEP-1613, SEP-2106).
/// </summary>
internal static class JsonSchemaTool
{
    public const string Name = "json_schema_2020_12_tool";

    private const string InputSchema = """
        {
          "$schema": "https://json-schema.org/draft/2020-12/schema",
          "type": "object",
          "$defs": {
            "address": {
              "$anchor": "addressDef",
              "type": "object",
              "properties": { "street": { "type": "string" }, "city": { "type": "string" } }
            }
          },
          "properties": {
            "name": { "type": "string" },
            "address": { "$ref": "#/$defs/address" },
            "contactMethod": { "type": "string", "enum": ["phone", "email"] },
            "phone": { "type": "string" },
            "email": { "type": "string" }
          },
          "allOf": [ { "anyOf": [ { "required": ["phone"] }, { "required": ["email"] } ] } ],
          "if": { "properties": { "contactMethod": { "const": "phone" } }, "required": ["contactMethod"] },
          "then": { "required": ["phone"] },
          "else": { "required": ["email"] },
          "additionalProperties": false
        }
        """;

    public static McpServerTool Create()
    {
        var tool = McpServerTool.Create(Describe, new McpServerToolCreateOptions { Name = Name, Description = "Tool with JSON Schema 2020-12 features", ReadOnly = true });
        using var schema = JsonDocument.Parse(InputSchema);
        tool.ProtocolTool.InputSchema = schema.RootElement.Clone();
        return tool;
    }

    /// <summary>Echoes the contact it was given; the schema, not this method, is what the scenario inspects.</summary>
    private static CallToolResult Describe(RequestContext<CallToolRequestParams> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = context.Params?.Arguments;
        string? Get(string key) => arguments is not null && arguments.TryGetValue(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        return new() { Content = [ContentTools.Text($"Contact {Get("name") ?? "(no name)"} by {Get("contactMethod") ?? "email"}: {Get("phone") ?? Get("email") ?? "(no address)"}")] };
    }
}
