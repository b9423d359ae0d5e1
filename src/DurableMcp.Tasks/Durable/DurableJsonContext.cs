using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableMcp.Tasks.Durable;

/// <summary>Source-generated JSON for what the task layer persists through Durable Functions (custom status, tags).</summary>
[JsonSerializable(typeof(TaskCustomStatus))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class DurableJsonContext : JsonSerializerContext;
