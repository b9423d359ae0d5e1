using System.ComponentModel.DataAnnotations;

namespace DurableMcp.Tools.Etl;

/// <summary>
/// The <c>mapping</c> of <c>run_etl</c> is checked whole before a task exists: every problem (an unknown type, a derive
/// naming a later column, a filter value of the wrong kind, a key column that is not declared) is named in one answer.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class EtlMappingRulesAttribute() : ValidationAttribute("'{0}' is not a valid mapping.")
{
    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var problems = new List<string>();
        EtlTransform.Compile(value as EtlMapping, problems);
        return problems.Count == 0 ? ValidationResult.Success : new ValidationResult(string.Join(" ", problems), [validationContext.MemberName ?? "mapping"]);
    }
}
