using System.Buffers.Text;
using System.Net;
using System.Text.Json.Nodes;
using CsCheck;
using DurableMcp.Tasks.Durable;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

// JSON null is a null JsonNode, and CsCheck's generator types are not annotated for nullable elements.
#pragma warning disable CS8620, CS8619

/// <summary>
/// Valid, well-typed task requests of both revisions, as a client sends them, by the second caller: about the first
/// caller's real tasks, random well-formed ids, random ids under the second caller's own prefix (which are read from
/// storage), and odd strings. Answers are well-typed <c>inputResponses</c> that do not fit the questions (the real
/// question keys included). What the second caller must get: -32602 as for any unknown id (or polling throttled), never
/// a result about a task; its <c>tasks/list</c> holds none of the first caller's tasks.
/// </summary>
internal static class FuzzTaskRequests
{
    private const int InvalidParams = -32602;
    private const int Throttled = -32000;

    private static readonly string[] Actions = ["accept", "decline", "cancel"];

    public static Gen<FuzzRequest> Valid(string[] alices, string[] questionKeys, string bobsPrefix, Gen<JsonNode?> json)
    {
        var randomId = Gen.Byte.Array[32].Select(b => Base64Url.EncodeToString(b));
        var ownPrefixId = Gen.Byte.Array[20].Select(b => bobsPrefix + Base64Url.EncodeToString(b));
        // Odd ids as a header can carry them (printable ASCII, no edge spaces), so Mcp-Name and the body agree.
        var oddId = Gen.String[1, 60].Select(Ascii).Select(id => id.Trim()).Where(id => id.Length > 0);
        var taskId = Gen.Frequency((4, Gen.OneOf(alices)), (2, randomId), (1, ownPrefixId), (1, oddId));
        var key = Gen.Frequency((2, Gen.OneOf(questionKeys)), (1, Gen.String[1, 30]));
        var content = Gen.Frequency((3, json.Select(j => j is JsonObject o ? o : new JsonObject { ["value"] = j?.DeepClone() })), (1, Gen.Const(() => new JsonObject())));
        var answer = Gen.Select(Gen.OneOf(Actions), content, (action, c) => new JsonObject { ["action"] = action, ["content"] = c.DeepClone() });
        var answers = Gen.Select(key.Array[1, 3], answer.Array[3], (keys, values) =>
        {
            var responses = new JsonObject();
            for (var i = 0; i < keys.Length; i++)
            {
                responses[keys[i]] = values[i].DeepClone();
            }

            return responses;
        });
        var cursor = Gen.Frequency((2, Gen.Const(() => (string?)null)), (1, Gen.String[0, 40].Select(c => (string?)c)));

        var current = Gen.Select(Gen.OneOf("tasks/get", "tasks/update", "tasks/cancel"), taskId, answers, (method, id, responses) =>
        {
            var parameters = new JsonObject { ["taskId"] = id };
            if (method == "tasks/update")
            {
                parameters["inputResponses"] = responses;
            }

            parameters["_meta"] = new JsonObject
            {
                ["io.modelcontextprotocol/protocolVersion"] = McpHttpClient.ProtocolVersion,
                ["io.modelcontextprotocol/clientCapabilities"] = McpHttpClient.Capabilities(withTasks: true),
            };
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
            {
                ["MCP-Protocol-Version"] = McpHttpClient.ProtocolVersion,
                ["Mcp-Method"] = method,
                ["Mcp-Name"] = Ascii(id),
            };
            return new FuzzRequest("task", Message(method, parameters).ToJsonString(), headers);
        });
        var initialize = Gen.Select(Gen.OneOf("tasks/get", "tasks/result", "tasks/cancel", "tasks/list", "answer"), taskId, key, answer, cursor, (method, id, k, a, c) =>
        {
            var body = method switch
            {
                "answer" => new JsonObject { ["jsonrpc"] = "2.0", ["id"] = $"elicit:{id}:{k}", ["result"] = a },
                "tasks/list" => Message(method, c is null ? new JsonObject() : new JsonObject { ["cursor"] = c }),
                _ => Message(method, new JsonObject { ["taskId"] = id }),
            };
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["MCP-Protocol-Version"] = McpHttpClient.InitializeProtocolVersion };
            return new FuzzRequest("task", body.ToJsonString(), headers);
        });
        return Gen.Frequency((1, current), (1, initialize));
    }

    public static void Check(FuzzRequest request, McpResponse response, string[] alices)
    {
        if (response.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return; // Polling one id too fast (2026-07-28, before the body is read): says nothing about the task.
        }

        var sent = JsonNode.Parse(request.Body)!;
        if (sent["method"]?.GetValue<string>() == "tasks/list")
        {
            if (response.Result is JsonObject listed)
            {
                var ids = listed["tasks"]!.AsArray().Select(t => t!["taskId"]!.GetValue<string>()).ToList();
                Assert.True(!ids.Intersect(alices).Any(), $"The other caller's tasks/list handed out the first caller's tasks: {response}");
            }
            else
            {
                Assert.True(response.ErrorCode == InvalidParams, $"tasks/list: expected a list or -32602 for the cursor, got {response}");
            }

            return;
        }

        if (sent["id"] is JsonValue value && value.TryGetValue(out string? id) && id.StartsWith("elicit:", StringComparison.Ordinal) && !TaskIds.IsWellFormed(id["elicit:".Length..].Split(':')[0]))
        {
            // Not an id of ours at all, so a response to a request nobody sent: the SDK takes it and drops it.
            Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"A response to no request: expected 202, got {response}");
            return;
        }

        // Every task id the second caller names is unknown to it: the first caller's, random ones, its own unused ones.
        Assert.True(response.Result is null, $"A result about a task for the other caller: {FuzzTests.Shorten(request.Body)} -> {response}");
        Assert.True(response.ErrorCode is InvalidParams or Throttled, $"Expected -32602 (unknown task) for {FuzzTests.Shorten(request.Body)}, got {response}");
    }

    private static JsonObject Message(string method, JsonObject parameters) =>
        new() { ["jsonrpc"] = "2.0", ["id"] = 1, ["method"] = method, ["params"] = parameters };

    private static string Ascii(string value) => new(value.Where(c => c is >= ' ' and <= '~').Take(200).ToArray());
}
