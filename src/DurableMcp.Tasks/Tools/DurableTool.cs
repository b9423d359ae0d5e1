using System.Reflection;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Tools;

/// <summary>A durable tool as the task layer sees it: its name (also its orchestration's name), task support and method.</summary>
internal sealed class DurableTool(string name, TaskSupport taskSupport, MethodInfo method, bool asksBeforeTask = false)
{
    private readonly ToolArgumentValidator _validator = new(name, method);

    public string Name { get; } = name;

    public TaskSupport TaskSupport { get; } = taskSupport;

    public MethodInfo Method { get; } = method;

    /// <summary>See <see cref="DurableToolAttribute.AsksBeforeTask"/>.</summary>
    public bool AsksBeforeTask { get; } = asksBeforeTask;

    /// <summary>The parameters that name earlier tasks (<see cref="TaskSourcesAttribute"/>), checked against storage before a task exists.</summary>
    public IReadOnlyList<(string Name, TaskSourcesAttribute Rule)> SourceParameters { get; } =
        [.. method.GetParameters().Select(p => (p.Name, Rule: p.GetCustomAttribute<TaskSourcesAttribute>()))
            .Where(p => p.Name is not null && p.Rule is not null).Select(p => (p.Name!, p.Rule!))];

    /// <summary>Checks the call's arguments against the method's parameters before any work is started.</summary>
    public CallToolResult? ValidateArguments(IDictionary<string, JsonElement>? arguments, JsonSerializerOptions serializer, IServiceProvider? services = null) =>
        _validator.Validate(arguments, serializer, services);
}
