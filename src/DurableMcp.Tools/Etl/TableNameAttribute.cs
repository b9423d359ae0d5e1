using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace DurableMcp.Tools.Etl;

/// <summary>A parameter that names an Azure Table: 3-63 letters and digits, starting with a letter (not "tables").</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed partial class TableNameAttribute() : ValidationAttribute(
    "'{0}' must be a table name: 3 to 63 letters and digits, starting with a letter (and not 'tables').")
{
    public override bool IsValid(object? value) =>
        value is string name && TableName().IsMatch(name) && !name.Equals("tables", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{2,62}$")]
    private static partial Regex TableName();
}
