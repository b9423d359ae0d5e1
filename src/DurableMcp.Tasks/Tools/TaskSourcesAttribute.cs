namespace DurableMcp.Tasks.Tools;

/// <summary>
/// Marks a durable tool's parameter as a list of earlier tasks the tool reads: a JSON array of objects, each naming a
/// task in its <see cref="IdProperty"/>. Before a task exists, the call is refused unless every named task exists, is
/// owned by the caller, has completed with a result that is not an error, and is a run of one of
/// <see cref="Tools"/>. This needs task storage, so it is not a <see cref="System.ComponentModel.DataAnnotations.ValidationAttribute"/>:
/// the task layer checks it after the parameters' own rules pass. An unknown id and another caller's id get the same answer.
/// </summary>
/// <param name="tools">The tools whose completed tasks may be named.</param>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class TaskSourcesAttribute(params string[] tools) : Attribute
{
    /// <summary>The tools whose completed tasks may be named.</summary>
    public IReadOnlyList<string> Tools { get; } = tools ?? [];

    /// <summary>The property of each entry that holds the task id (<c>taskId</c> unless set).</summary>
    public string IdProperty { get; set; } = "taskId";
}
