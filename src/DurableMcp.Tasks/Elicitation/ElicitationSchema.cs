using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ModelContextProtocol.Protocol;

namespace DurableMcp.Tasks.Elicitation;

/// <summary>
/// Builds a form-elicitation schema from a C# type: each public read/write property becomes a field. Supported are
/// what MCP form elicitation allows: strings, integers, numbers, booleans and enums (a single choice). Descriptions come
/// from <see cref="DescriptionAttribute"/>, titles from <see cref="DisplayAttribute.Name"/>, defaults from
/// <see cref="DefaultValueAttribute"/>, bounds from <see cref="RangeAttribute"/> and <see cref="StringLengthAttribute"/>.
/// A property is required when it is declared <c>required</c> or carries <see cref="RequiredAttribute"/>.
/// </summary>
public static class ElicitationSchema
{
    /// <summary>The schema for <typeparamref name="T"/>; property names are camel-cased as System.Text.Json's web defaults do.</summary>
    public static ElicitRequestParams.RequestSchema For<T>() => For(typeof(T));

    /// <summary>The schema for <paramref name="type"/>.</summary>
    public static ElicitRequestParams.RequestSchema For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var schema = new ElicitRequestParams.RequestSchema();
        var required = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite && p.CanRead))
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            schema.Properties[name] = Field(property);
            if (property.GetCustomAttribute<RequiredMemberAttribute>() is not null || property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                required.Add(name);
            }
        }

        if (schema.Properties.Count == 0)
        {
            throw new ArgumentException($"'{type.Name}' has no public read/write properties to ask for.", nameof(type));
        }

        schema.Required = required.Count > 0 ? required : null;
        return schema;
    }

    private static ElicitRequestParams.PrimitiveSchemaDefinition Field(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
        var title = property.GetCustomAttribute<DisplayAttribute>()?.Name;
        var defaultValue = property.GetCustomAttribute<DefaultValueAttribute>()?.Value;
        var range = property.GetCustomAttribute<RangeAttribute>();
        ElicitRequestParams.PrimitiveSchemaDefinition field = type switch
        {
            _ when type == typeof(string) => new ElicitRequestParams.StringSchema
            {
                Default = defaultValue as string,
                MinLength = property.GetCustomAttribute<StringLengthAttribute>()?.MinimumLength is > 0 and var min ? min : null,
                MaxLength = property.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength,
            },
            _ when type == typeof(bool) => new ElicitRequestParams.BooleanSchema { Default = defaultValue as bool? },
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => new ElicitRequestParams.NumberSchema
            {
                Type = "integer",
                Default = defaultValue is null ? null : Convert.ToDouble(defaultValue, System.Globalization.CultureInfo.InvariantCulture),
                Minimum = range is null ? null : Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture),
                Maximum = range is null ? null : Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture),
            },
            _ when type == typeof(double) || type == typeof(float) || type == typeof(decimal) => new ElicitRequestParams.NumberSchema
            {
                Type = "number",
                Default = defaultValue is null ? null : Convert.ToDouble(defaultValue, System.Globalization.CultureInfo.InvariantCulture),
                Minimum = range is null ? null : Convert.ToDouble(range.Minimum, System.Globalization.CultureInfo.InvariantCulture),
                Maximum = range is null ? null : Convert.ToDouble(range.Maximum, System.Globalization.CultureInfo.InvariantCulture),
            },
            _ when type.IsEnum => new ElicitRequestParams.UntitledSingleSelectEnumSchema
            {
                Enum = Enum.GetNames(type),
                Default = defaultValue?.ToString(),
            },
            _ => throw new NotSupportedException(
                $"'{property.DeclaringType?.Name}.{property.Name}' is a {type.Name}; form elicitation supports strings, integers, numbers, booleans and enums."),
        };

        field.Description = description;
        field.Title = title;
        return field;
    }
}
