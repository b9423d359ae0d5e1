using Microsoft.DurableTask;

namespace DurableMcp.Bench;

/// <summary>The context a plain loop hands an activity it calls directly, outside any orchestration.</summary>
internal sealed class PlainActivityContext(string name, string instanceId) : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;
}
