using System.ComponentModel;

namespace DurableMcp.Conformance;

/// <summary>The form <c>confirm_delete</c> asks.</summary>
public sealed record DeleteConfirmation
{
    [Description("Delete the file?")]
    public bool Confirm { get; init; }
}
