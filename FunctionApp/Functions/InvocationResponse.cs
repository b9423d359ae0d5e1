using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// What a custom handler answers a non-HTTP invocation with: output binding values by name, log lines for the
/// invocation's logs, and the <c>$return</c> value. A non-success HTTP status fails the invocation (a queue message is
/// then retried by the host).
/// </summary>
internal sealed class InvocationResponse
{
    [JsonPropertyName("Outputs")]
    public Dictionary<string, JsonElement> Outputs { get; init; } = [];

    [JsonPropertyName("Logs")]
    public List<string> Logs { get; init; } = [];

    [JsonPropertyName("ReturnValue")]
    public JsonElement? ReturnValue { get; init; }
}
