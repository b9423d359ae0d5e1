using System.Globalization;
using System.Text.Json;
using DurableMcp.Tasks.Tools;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Sources;

/// <summary>
/// Checks the <see cref="TaskSourcesAttribute"/> parameters of a durable tool call before a task exists, once the
/// parameters' own rules have passed: each named task must be one of the caller's completed runs of an accepted tool.
/// Every problem is named in one <c>isError</c> result that says what to fix.
/// </summary>
internal sealed class TaskSourceValidator(TaskSourceReader reader)
{
    /// <summary>Null when every source is usable; otherwise the tool error to answer with.</summary>
    public async Task<CallToolResult?> ValidateAsync(DurableTool tool, IDictionary<string, JsonElement>? arguments, string? caller, CancellationToken cancellationToken = default)
    {
        if (tool.SourceParameters.Count == 0)
        {
            return null; // every create passes here; most tools name no earlier tasks
        }

        var problems = new List<string>();
        foreach (var (name, rule) in tool.SourceParameters)
        {
            if (arguments is null || !arguments.TryGetValue(name, out var value) || value.ValueKind != JsonValueKind.Array)
            {
                continue; // absent or of the wrong shape: the parameter's own rules answered that already
            }

            var index = 0;
            foreach (var entry in value.EnumerateArray())
            {
                var at = string.Create(CultureInfo.InvariantCulture, $"{name}[{index++}]");
                var id = entry.ValueKind == JsonValueKind.Object && entry.TryGetProperty(rule.IdProperty, out var property) && property.ValueKind == JsonValueKind.String
                    ? property.GetString()
                    : null;
                if (id is null)
                {
                    continue;
                }

                var source = await reader.FindAsync(id, caller, cancellationToken);
                if (Problem(source, id, at, rule) is { } problem)
                {
                    problems.Add(problem);
                }
            }
        }

        return problems.Count == 0
            ? null
            : new CallToolResult
            {
                IsError = true,
                Content = [new TextContentBlock { Text = $"Invalid arguments for '{tool.Name}': {string.Join(" ", problems)}" }],
            };
    }

    /// <summary>What is wrong with <paramref name="source"/> as an entry of a <paramref name="rule"/> parameter, or null.</summary>
    internal static string? Problem(TaskSource? source, string id, string at, TaskSourcesAttribute rule)
    {
        var accepted = string.Join(", ", rule.Tools);
        var shown = id.Length <= 60 ? id : id[..60] + "…";
        if (source is null)
        {
            // The same words for an unknown id and another caller's: nothing tells the two apart.
            return $"{at}: '{shown}' is not one of your tasks (unknown, expired, or not yours); give the taskId of a completed {accepted} task you created.";
        }

        if (!rule.Tools.Contains(source.Tool, StringComparer.Ordinal))
        {
            return $"{at}: task '{shown}' is a run of '{source.Tool}'; only {accepted} tasks can be used here.";
        }

        return source.Status switch
        {
            Durable.TaskRunStatus.Pending or Durable.TaskRunStatus.Running =>
                $"{at}: task '{shown}' is still working; wait until it has completed (tasks/get) and call again.",
            Durable.TaskRunStatus.Failed or Durable.TaskRunStatus.Cancelled =>
                $"{at}: task '{shown}' ended {source.Status.ToString().ToLowerInvariant()}, so it has no outputs; use a task that completed.",
            _ when !source.Succeeded =>
                $"{at}: task '{shown}' completed with an error result, so it has no outputs; use a task that completed without an error.",
            _ => null,
        };
    }
}
