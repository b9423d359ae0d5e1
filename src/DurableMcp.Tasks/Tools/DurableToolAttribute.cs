namespace DurableMcp.Tasks.Tools;

/// <summary>
/// Marks an <c>[McpServerTool]</c> method as durable: it runs as an orchestration, with an
/// <see cref="Engine.IOrchestrationContext"/> parameter injected (and left out of the input schema).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DurableToolAttribute(TaskSupport taskSupport = TaskSupport.Optional) : Attribute
{
    /// <summary>Whether the tool runs as an MCP task.</summary>
    public TaskSupport TaskSupport { get; } = taskSupport;
}
