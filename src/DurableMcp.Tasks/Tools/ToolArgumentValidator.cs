using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using Microsoft.DurableTask;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Tools;

/// <summary>
/// Rejects bad arguments before a task exists, so the caller learns at once (as an <c>isError</c> tool result)
/// instead of finding a failed task later. Checks presence of required parameters, JSON type conversion, and the
/// parameters' <see cref="ValidationAttribute"/>s (<see cref="RangeAttribute"/> bounds, or a tool's own rules). Built once per tool: reading parameters and attributes by reflection on every
/// call cost about a millisecond of CPU a call (each attribute read emits a dynamic method the finalizer later frees).
/// </summary>
internal sealed class ToolArgumentValidator
{
    private readonly string _toolName;
    private readonly ToolParameter[] _parameters;
    private readonly HashSet<string> _known;

    public ToolArgumentValidator(string toolName, MethodInfo method)
    {
        _toolName = toolName;
        _parameters = method.GetParameters()
            .Where(p => IsSchemaParameter(p) && p.Name is not null)
            .Select(p => new ToolParameter(p.Name!, p.ParameterType, p.HasDefaultValue, p.GetCustomAttributes<ValidationAttribute>().ToArray()))
            .ToArray();
        _known = _parameters.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
    }

    /// <param name="arguments">The call's arguments.</param>
    /// <param name="serializer">How they convert to the parameters' types.</param>
    /// <param name="services">Offered to the rules (<see cref="ValidationContext.GetService"/>), for rules that depend on the server's settings.</param>
    public CallToolResult? Validate(IDictionary<string, JsonElement>? arguments, JsonSerializerOptions serializer, IServiceProvider? services = null)
    {
        var problems = new List<string>();
        foreach (var parameter in _parameters)
        {
            var name = parameter.Name;
            if (arguments is null || !arguments.TryGetValue(name, out var value) || value.ValueKind == JsonValueKind.Undefined)
            {
                if (!parameter.IsOptional)
                {
                    problems.Add($"'{name}' is required.");
                }

                continue;
            }

            object? converted;
            try
            {
                converted = value.Deserialize(parameter.Type, serializer);
            }
            catch (JsonException)
            {
                problems.Add($"'{name}' must be {Describe(parameter.Type)}, but got {value.ValueKind.ToString().ToLowerInvariant()} {Truncate(value.GetRawText())}.");
                continue;
            }

            foreach (var rule in parameter.Rules)
            {
                if (rule is RangeAttribute range)
                {
                    if (!range.IsValid(converted))
                    {
                        problems.Add($"'{name}' must be between {range.Minimum} and {range.Maximum}, but got {Truncate(value.GetRawText())}.");
                    }

                    continue;
                }

                // A rule that explains itself (its own ValidationResult, for example one line per problem of a nested
                // object) is quoted as it is; a plain rule's message is followed by the value it refused.
                var result = rule.GetValidationResult(converted, new ValidationContext(arguments, services, null) { MemberName = name, DisplayName = name });
                if (result is { ErrorMessage: { } message })
                {
                    problems.Add(message == rule.FormatErrorMessage(name) ? $"{message} Got {Truncate(value.GetRawText())}." : message);
                }
            }
        }

        if (arguments is not null)
        {
            problems.AddRange(arguments.Keys.Where(k => !_known.Contains(k)).Select(k => $"'{k}' is not a parameter of this tool."));
        }

        return problems.Count == 0
            ? null
            : new CallToolResult
            {
                IsError = true,
                Content = [new TextContentBlock { Text = $"Invalid arguments for '{_toolName}': {string.Join(" ", problems)}" }],
            };
    }

    /// <summary>Parameters that appear in the input schema (not injected ones).</summary>
    public static bool IsSchemaParameter(ParameterInfo parameter) =>
        parameter.ParameterType != typeof(TaskOrchestrationContext) &&
        parameter.ParameterType != typeof(CancellationToken) &&
        parameter.ParameterType != typeof(IServiceProvider);

    private static string Describe(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "a string",
            _ when type == typeof(bool) => "a boolean",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "an integer",
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => "a number",
            _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
            _ when type.IsArray || (type.IsGenericType && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)) => "an array",
            _ => "an object",
        };
    }

    private static string Truncate(string raw) => raw.Length <= 40 ? raw : raw[..40] + "…";

    private sealed record ToolParameter(string Name, Type Type, bool IsOptional, ValidationAttribute[] Rules);
}
