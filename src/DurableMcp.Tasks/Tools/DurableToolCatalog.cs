namespace DurableMcp.Tasks.Tools;

/// <summary>The registered durable tools, by tool name.</summary>
internal sealed class DurableToolCatalog(IEnumerable<DurableTool> tools)
{
    private readonly Dictionary<string, DurableTool> _tools = tools.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public bool TryGet(string? name, out DurableTool tool)
    {
        tool = null!;
        return name is not null && _tools.TryGetValue(name, out tool!);
    }
}
