using System.Text.Json.Nodes;
using DurableMcp.Tasks.Protocol;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Protocol2025;

/// <summary>
/// Names of the 2025-11-25 experimental tasks, served to initialize-based clients next to the 2026-07-28 extension.
/// A request belongs to the 2025 revision when it does not ride the 2026-07-28 per-request core: its
/// <c>MCP-Protocol-Version</c> header is older (or absent, as on <c>initialize</c>).
/// </summary>
internal static class Tasks2025Protocol
{
    public const string Version = "2025-11-25";

    public const string Initialize = "initialize";
    public const string ToolsList = "tools/list";
    public const string TasksResult = "tasks/result";
    public const string TasksList = "tasks/list";
    public const string ElicitationCreate = "elicitation/create";

    /// <summary>The <c>_meta</c> key that ties a message to its task.</summary>
    public const string RelatedTaskMetaKey = "io.modelcontextprotocol/related-task";

    /// <summary>The prefix of the JSON-RPC ids of the elicitation requests a <c>tasks/result</c> stream sends.</summary>
    public const string ElicitationIdPrefix = "elicit:";

    public static bool IsInitializeRevision(JsonRpcRequest request) => IsInitializeRevision(request.Context?.ProtocolVersion);

    public static bool IsInitializeRevision(string? protocolVersion) => !TasksProtocol.IsJuly2026OrLater(protocolVersion);

    /// <summary><c>{"io.modelcontextprotocol/related-task": {"taskId": ...}}</c>, for a <c>_meta</c> object.</summary>
    public static JsonObject RelatedTaskMeta(string taskId) => new() { [RelatedTaskMetaKey] = new JsonObject { ["taskId"] = taskId } };
}
