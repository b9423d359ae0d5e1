using System.ComponentModel;

namespace DurableMcp.Tools.Documents;

/// <summary>The form asking whether to replace an existing output blob.</summary>
public sealed class OverwriteConfirmation
{
    [Description("Replace the existing results? If not, the new results are written under the task's id instead.")]
    public required bool Overwrite { get; set; }
}
