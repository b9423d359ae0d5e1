using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace DurableMcp.Conformance;

/// <summary>The form <c>test_tool_with_task</c> asks before its task exists (the user_name question).</summary>
public sealed record UserName
{
    [Description("Your user name.")]
    [Required]
    public string? Name { get; init; }
}
