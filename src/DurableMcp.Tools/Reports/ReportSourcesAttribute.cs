using System.ComponentModel.DataAnnotations;

namespace DurableMcp.Tools.Reports;

/// <summary>
/// The <c>sources</c> of <c>generate_report</c>, their shape checked whole before a task exists: 1 to
/// <see cref="GenerateReportTool.MaxSources"/> entries, each with a <c>taskId</c>, none named twice, titles of at most
/// <see cref="MaxTitleLength"/> characters on one line; every problem is named in one answer. Whether each task exists,
/// is the caller's, and completed is checked next, against storage (<c>[TaskSources]</c>).
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ReportSourcesAttribute() : ValidationAttribute("'{0}' is not a valid list of source tasks.")
{
    /// <summary>The longest section title.</summary>
    public const int MaxTitleLength = 200;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        var member = validationContext.MemberName ?? "sources";
        var problems = Problems(value as IReadOnlyList<ReportSource>, member);
        return problems.Count == 0 ? ValidationResult.Success : new ValidationResult(string.Join(" ", problems), [member]);
    }

    /// <summary>Every problem of <paramref name="sources"/>' shape, one sentence each.</summary>
    public static List<string> Problems(IReadOnlyList<ReportSource>? sources, string member = "sources")
    {
        var problems = new List<string>();
        if (sources is null || sources.Count is 0 or > GenerateReportTool.MaxSources)
        {
            problems.Add($"'{member}' must list 1 to {GenerateReportTool.MaxSources} source tasks, each {{\"taskId\": \"...\"}}, not {sources?.Count ?? 0}.");
            return problems;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < sources.Count; i++)
        {
            var at = $"{member}[{i}]";
            if (sources[i] is not { } source || string.IsNullOrWhiteSpace(source.TaskId))
            {
                problems.Add($"{at}: 'taskId' is required: the id of a completed task whose outputs make this section.");
                continue;
            }

            if (source.Title is { } title && (title.Length is 0 or > MaxTitleLength || title.Any(char.IsControl)))
            {
                problems.Add($"{at}: 'title' must be 1 to {MaxTitleLength} characters on one line.");
            }

            if (seen.TryGetValue(source.TaskId, out var first))
            {
                problems.Add($"{at} repeats {member}[{first}] (task '{source.TaskId}'): each task makes one section.");
            }
            else
            {
                seen[source.TaskId] = i;
            }
        }

        return problems;
    }
}
