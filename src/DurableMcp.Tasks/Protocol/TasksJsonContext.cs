using System.Text.Json.Serialization;

namespace DurableMcp.Tasks.Protocol;

/// <summary>Source-generated JSON for the task protocol's wire types.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(CreateTaskResult))]
[JsonSerializable(typeof(GetTaskResult))]
[JsonSerializable(typeof(CompleteResult))]
[JsonSerializable(typeof(TaskIdParams))]
[JsonSerializable(typeof(UpdateTaskParams))]
internal sealed partial class TasksJsonContext : JsonSerializerContext;
