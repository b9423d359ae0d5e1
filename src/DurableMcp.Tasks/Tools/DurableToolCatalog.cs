using Microsoft.DurableTask;

namespace DurableMcp.Tasks.Tools;

/// <summary>The registered durable tools by name, and the activities they call: what a Durable Task worker must run.</summary>
public sealed class DurableToolCatalog
{
    private readonly Dictionary<string, DurableTool> _tools;
    private readonly List<Type> _activities;

    internal DurableToolCatalog(IEnumerable<DurableTool> tools, IEnumerable<DurableActivityRegistration> activities)
    {
        _tools = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _activities = activities.Select(a => a.Type).Distinct().ToList();
    }

    /// <summary>The orchestration names: one per durable tool, the tool's name.</summary>
    public IReadOnlyCollection<string> Orchestrations => _tools.Keys;

    /// <summary>The activity types (each a <see cref="ITaskActivity"/>, named after its type).</summary>
    public IReadOnlyList<Type> Activities => _activities;

    /// <summary>Runs the named tool's orchestrator: what an orchestration trigger calls.</summary>
    public Task<System.Text.Json.JsonElement> RunAsync(string tool, TaskOrchestrationContext context) =>
        _tools.TryGetValue(tool, out var durable)
            ? ToolOrchestration.RunAsync(durable, context)
            : throw new InvalidOperationException($"No durable tool named '{tool}' is registered.");

    /// <summary>Adds every tool orchestrator and activity to a Durable Task worker's registry.</summary>
    public void AddTo(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        foreach (var tool in _tools.Values)
        {
            registry.AddOrchestratorFunc(tool.Name, context => ToolOrchestration.RunAsync(tool, context));
        }

        foreach (var activity in _activities)
        {
            registry.AddActivity(activity);
        }
    }

    internal bool TryGet(string? name, out DurableTool tool)
    {
        tool = null!;
        return name is not null && _tools.TryGetValue(name, out tool!);
    }
}

/// <summary>An activity type a durable tool calls.</summary>
internal sealed record DurableActivityRegistration(Type Type);
