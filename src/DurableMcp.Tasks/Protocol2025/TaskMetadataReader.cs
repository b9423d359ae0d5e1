using System.Text.Json;
using System.Text.Json.Nodes;
using ModelContextProtocol;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>Reads <c>params.task</c> of a 2025-11-25 request: null when the client did not ask for a task.</summary>
internal static class TaskMetadataReader
{
    public static TaskMetadata2025? Read(JsonNode? parameters)
    {
        if (parameters is not JsonObject body || !body.TryGetPropertyValue("task", out var task) || task is null)
        {
            return null;
        }

        TaskMetadata2025? metadata;
        try
        {
            metadata = task is JsonObject ? task.Deserialize(Tasks2025JsonContext.Default.TaskMetadata2025) : null;
        }
        catch (JsonException)
        {
            metadata = null;
        }

        if (metadata is null || metadata.Ttl is < 0)
        {
            throw new McpProtocolException("params.task must be an object whose optional 'ttl' is a non-negative integer (milliseconds).", McpErrorCode.InvalidParams);
        }

        return metadata;
    }
}
