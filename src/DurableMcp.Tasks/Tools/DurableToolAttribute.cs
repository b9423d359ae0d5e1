namespace DurableMcp.Tasks.Tools;

/// <summary>
/// Marks a static <c>[McpServerTool]</c> method as durable: it is the tool's orchestrator. It takes a
/// <see cref="Microsoft.DurableTask.TaskOrchestrationContext"/> (left out of the input schema) and the tool's arguments,
/// and must be deterministic: its I/O happens in activities (<c>context.CallActivityAsync</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class DurableToolAttribute(TaskSupport taskSupport = TaskSupport.Optional) : Attribute
{
    /// <summary>Whether the tool runs as an MCP task.</summary>
    public TaskSupport TaskSupport { get; } = taskSupport;
}
