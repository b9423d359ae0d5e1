using System.Text.Json;
using System.Text.Json.Serialization;
using DurableMcp.Engine.Worker;

namespace DurableMcp.Engine.Serialization;

/// <summary>Source-generated JSON for what the engine persists.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingDefault)]
[JsonSerializable(typeof(List<JournalEntry>))]
[JsonSerializable(typeof(List<PendingWait>))]
[JsonSerializable(typeof(FailureDetails))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class EngineJsonContext : JsonSerializerContext;
