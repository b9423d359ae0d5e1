using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

// The suite still tests sampling, roots and logging (deprecated by SEP-2577 but part of 2026-07-28): these fixtures use them on purpose.
#pragma warning disable MCP9005

namespace DurableMcp.Conformance;

/// <summary>Builds the MRTR input requests the fixtures ask for and reads the client's answers back.</summary>
internal static class InputRequests
{
    public static InputRequest Elicit(string message, string property, ElicitRequestParams.PrimitiveSchemaDefinition schema) =>
        InputRequest.ForElicitation(new ElicitRequestParams
        {
            Message = message,
            RequestedSchema = new ElicitRequestParams.RequestSchema
            {
                Properties = new Dictionary<string, ElicitRequestParams.PrimitiveSchemaDefinition> { [property] = schema },
                Required = [property],
            },
        });

    public static InputRequest ElicitText(string message, string property) => Elicit(message, property, new ElicitRequestParams.StringSchema());

    public static InputRequest Sample(string prompt, int maxTokens) => InputRequest.ForSampling(new CreateMessageRequestParams
    {
        Messages = [new SamplingMessage { Role = Role.User, Content = [new TextContentBlock { Text = prompt }] }],
        MaxTokens = maxTokens,
    });

    public static InputRequest ListRoots() => InputRequest.ForRootsList(new ListRootsRequestParams());

    /// <summary>The accepted answer to an elicitation, or null when the key is missing, unreadable or not an object.</summary>
    public static ElicitResult? Elicitation(IDictionary<string, InputResponse>? responses, string key) =>
        Read(responses, key, InputResponse.ElicitResultJsonTypeInfo);

    public static CreateMessageResult? Sampling(IDictionary<string, InputResponse>? responses, string key) =>
        Read(responses, key, InputResponse.CreateMessageResultJsonTypeInfo);

    public static ListRootsResult? Roots(IDictionary<string, InputResponse>? responses, string key) =>
        Read(responses, key, InputResponse.ListRootsResultJsonTypeInfo) is { Roots: not null } roots ? roots : null;

    /// <summary>A string field of an accepted elicitation's content, or null (declined, cancelled, missing or not a string).</summary>
    public static string? AcceptedText(ElicitResult? result, string property) =>
        result is { Action: "accept", Content: { } content } && content.TryGetValue(property, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    public static string? SampledText(CreateMessageResult? result) =>
        result?.Content.OfType<TextContentBlock>().FirstOrDefault()?.Text;

    /// <summary>What the client declared on this request (2026-07-28 carries it in <c>_meta</c>; never inferred from earlier requests).</summary>
    public static ClientCapabilities? DeclaredCapabilities(McpServer server, RequestParams? parameters) =>
        parameters?.Meta?["io.modelcontextprotocol/clientCapabilities"] is JsonObject declared
            ? declared.Deserialize((JsonTypeInfo<ClientCapabilities>)McpJsonUtilities.DefaultOptions.GetTypeInfo(typeof(ClientCapabilities)))
            : server?.ClientCapabilities;

    private static T? Read<T>(IDictionary<string, InputResponse>? responses, string key, JsonTypeInfo<T> typeInfo)
        where T : class =>
        responses is not null && responses.TryGetValue(key, out var response) && response?.RawValue.ValueKind == JsonValueKind.Object
            ? response.Deserialize(typeInfo)
            : null;
}
