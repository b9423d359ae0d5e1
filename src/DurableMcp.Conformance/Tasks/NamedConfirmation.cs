using System.ComponentModel;

namespace DurableMcp.Conformance;

/// <summary>The form each of <c>multi_input</c>'s two questions asks.</summary>
public sealed record NamedConfirmation
{
    [Description("A name for this input.")]
    public string? Name { get; init; }

    [Description("Confirm this input?")]
    public bool? Confirm { get; init; }
}
