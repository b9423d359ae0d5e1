using System.Text.Json.Serialization;

namespace DurableMcp.Conformance.Tests.Infrastructure;

/// <summary>One check of a scenario, as the CLI writes it to the scenario's checks.json.</summary>
internal sealed record ConformanceCheck(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("description")] string? Description = null,
    [property: JsonPropertyName("errorMessage")] string? ErrorMessage = null)
{
    /// <summary>
    /// FAILURE or WARNING: what the CLI's own baseline comparison counts as failing (a WARNING is a SHOULD the server
    /// misses); SUCCESS, INFO and SKIPPED do not fail.
    /// </summary>
    public bool IsFailing => Status is "FAILURE" or "WARNING";
}
