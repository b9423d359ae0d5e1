using System.Text.Json.Serialization;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>The custom-handler wire types; property names as the Functions host writes and reads them (PascalCase).</summary>
[JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(InvocationRequest))]
[JsonSerializable(typeof(InvocationResponse))]
[JsonSerializable(typeof(string))]
internal sealed partial class FunctionsJsonContext : JsonSerializerContext;
