using System.ComponentModel;

namespace DurableMcp.Tools.Etl;

/// <summary>The form asked when the target table already holds rows.</summary>
public sealed class TableHoldsRowsQuestion
{
    [Description("Replace: delete every row of the table first. Append: add the new rows (rows with the same keys are overwritten). Cancel: load nothing.")]
    [DefaultValue(nameof(EtlLoadMode.Cancel))]
    public required EtlLoadMode Action { get; set; }
}
