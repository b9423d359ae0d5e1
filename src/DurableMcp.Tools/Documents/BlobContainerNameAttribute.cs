using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;

namespace DurableMcp.Tools.Documents;

/// <summary>
/// A parameter that names a blob container: Azure's rules (3-63 lowercase letters, digits and single hyphens, a letter
/// or digit at both ends), checked before a task exists so that a name like <c>../..</c> is refused at once.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed partial class BlobContainerNameAttribute() : ValidationAttribute(
    "'{0}' must be a blob container name: 3 to 63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.")
{
    public override bool IsValid(object? value) => value is string name && ContainerName().IsMatch(name);

    [GeneratedRegex("^(?!.*--)[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$")]
    private static partial Regex ContainerName();
}
