namespace DurableMcp.Tasks.Protocol;

/// <summary>Names and codes of the MCP Tasks extension (2026-07-28) and the core revision it builds on.</summary>
public static class TasksProtocol
{
    /// <summary>The extension id clients and servers declare.</summary>
    public const string ExtensionId = "io.modelcontextprotocol/tasks";

    /// <summary>The stateless-core revision that carries the extension.</summary>
    public const string July2026Version = "2026-07-28";

    public const string TasksGet = "tasks/get";
    public const string TasksCancel = "tasks/cancel";
    public const string TasksUpdate = "tasks/update";

    /// <summary>JSON-RPC error: the request needs a client capability it did not declare.</summary>
    public const int MissingRequiredClientCapability = -32021;

    /// <summary>True for the 2026-07-28 revision and later ones (ISO dates compare as strings).</summary>
    public static bool IsJuly2026OrLater(string? protocolVersion) =>
        protocolVersion is { Length: 10 } && string.CompareOrdinal(protocolVersion, July2026Version) >= 0;
}
