using System.ComponentModel;
using System.Text.Json;

namespace DurableMcp.Tools.Etl;

/// <summary>A condition on a loaded column, after its cast.</summary>
/// <param name="Column">The column's name.</param>
/// <param name="Op">eq, ne, gt, ge, lt or le.</param>
/// <param name="Value">What the column is compared with: a number, string or boolean like the column's type.</param>
public sealed record EtlFilter(
    [property: Description("A column of 'columns' (by its name).")] string Column,
    [property: Description("eq, ne, gt, ge, lt or le.")] string Op,
    [property: Description("A number for numeric columns, true/false for bool, a string for string and datetime (ISO 8601) columns.")] JsonElement Value);
