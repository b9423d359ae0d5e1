using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.AI;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Tools;

/// <summary>A durable tool as the task layer sees it: its name, task support, parameters and the function the worker runs.</summary>
internal sealed class DurableTool(string name, TaskSupport taskSupport, MethodInfo method, AIFunction function)
{
    public string Name { get; } = name;

    public TaskSupport TaskSupport { get; } = taskSupport;

    public MethodInfo Method { get; } = method;

    public AIFunction Function { get; } = function;

    /// <summary>Checks the call's arguments against the method's parameters before any work is started.</summary>
    public CallToolResult? ValidateArguments(IDictionary<string, JsonElement>? arguments, JsonSerializerOptions serializer) =>
        ToolArgumentValidator.Validate(Name, Method, arguments, serializer);
}
