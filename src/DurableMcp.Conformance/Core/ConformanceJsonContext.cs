using System.Text.Json.Serialization;

namespace DurableMcp.Conformance;

[JsonSerializable(typeof(RequestStateData))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(TemplateDocument))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
internal sealed partial class ConformanceJsonContext : JsonSerializerContext;
