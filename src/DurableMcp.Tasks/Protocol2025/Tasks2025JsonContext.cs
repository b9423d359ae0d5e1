using System.Text.Json.Serialization;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>Source-generated JSON for the 2025-11-25 task wire types.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Task2025))]
[JsonSerializable(typeof(CreateTaskResult2025))]
[JsonSerializable(typeof(ListTasksResult2025))]
[JsonSerializable(typeof(ListTasksParams2025))]
[JsonSerializable(typeof(TaskMetadata2025))]
internal sealed partial class Tasks2025JsonContext : JsonSerializerContext;
