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

    /// <summary>
    /// The tool asks its questions before any long work. A client that supports tasks and form elicitation on the call
    /// gets those first questions as an MRTR <c>input_required</c> result (no task yet); its retry with the answers gets
    /// the task handle of the same run. Later questions come through <c>tasks/get</c> as usual. Without form elicitation
    /// the call answers with the task at once, as for any tool.
    /// </summary>
    public bool AsksBeforeTask { get; set; }
}
