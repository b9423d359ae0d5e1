using System.Text.Json;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// What the Functions host POSTs to a custom handler for a non-HTTP trigger: <c>Data</c> holds the trigger and input
/// bindings by binding name, <c>Metadata</c> the trigger metadata (for a queue message: <c>Id</c>, <c>DequeueCount</c>,
/// <c>InsertionTime</c>, <c>PopReceipt</c>, ...; and <c>sys</c>).
/// </summary>
internal sealed class InvocationRequest
{
    public Dictionary<string, JsonElement> Data { get; init; } = [];

    public Dictionary<string, JsonElement> Metadata { get; init; } = [];

    /// <summary>The entry named <paramref name="name"/> (bindings are matched without regard to case, as the host does).</summary>
    public static JsonElement? Find(Dictionary<string, JsonElement> entries, string name)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var (key, value) in entries)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
