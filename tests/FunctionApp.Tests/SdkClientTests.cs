using System.Text.Json;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// The review question of <c>classify_documents</c> driven by the MCP C# SDK's own client (<c>McpClient</c> over
/// <c>HttpClientTransport</c>), whose elicitation handler stands in for the user. The SDK client answers MRTR
/// <c>input_required</c> results by itself; it has no API for the tasks extension, so tasks are driven with raw
/// requests (<c>SendRequestAsync</c>) and the same handler through <c>ResolveInputRequestsAsync</c>.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SdkClientTests(AzuriteFixture azurite, ServerProcessFixture shared) : IClassFixture<ServerProcessFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task CallToolAsync_ElicitationHandlerAnswersInputRequired_ReturnsFinalResult()
    {
        var container = await ReviewDocuments.UploadAsync(azurite);
        var user = new ReviewingUser();
        await using var client = await ConnectAsync(new McpClientOptions { Handlers = new McpClientHandlers { ElicitationHandler = user.AnswerAsync } });
        Assert.Equal(McpHttpClient.ProtocolVersion, client.NegotiatedProtocolVersion);
        Assert.True(client.ServerCapabilities.Extensions?.ContainsKey(McpHttpClient.TasksExtension), "The server does not advertise the tasks extension.");

        var result = await client.CallToolAsync("classify_documents", Arguments(container, ReviewDocuments.ReviewBelow));

        var question = Assert.Single(user.Asked);
        Assert.Equal("form", question.Mode);
        Assert.Equal(ReviewDocuments.Texts.Count, question.RequestedSchema!.Properties.Count);
        Assert.NotEqual(true, result.IsError);
        var summary = JsonNode.Parse(Assert.IsType<TextContentBlock>(Assert.Single(result.Content)).Text)!;
        Assert.Equal("accept", summary["reviewed"]!["outcome"]!.GetValue<string>());
        Assert.Equal(1, summary["relabelled"]!.GetValue<int>());
        await AssertCorrectedAsync(summary, user);
    }

    [Fact]
    public async Task SendRequestAsync_WithTasksExtension_TaskAnsweredThroughTasksUpdate()
    {
        var container = await ReviewDocuments.UploadAsync(azurite);
        var user = new ReviewingUser();
        await using var client = await ConnectAsync(new McpClientOptions
        {
            Capabilities = new ClientCapabilities { Extensions = new Dictionary<string, object> { [McpHttpClient.TasksExtension] = new JsonObject() } },
            Handlers = new McpClientHandlers { ElicitationHandler = user.AnswerAsync },
        });

        // The typed API knows no tasks: a CreateTaskResult comes back as an empty CallToolResult, its task id lost.
        var typed = await client.CallToolAsync("classify_documents", Arguments(container, reviewBelow: 0));
        Assert.Equal("task", typed.ResultType);
        Assert.Empty(typed.Content);

        var created = await client.SendRequestAsync(new JsonRpcRequest
        {
            Method = RequestMethods.ToolsCall,
            Params = new JsonObject { ["name"] = "classify_documents", ["arguments"] = ReviewCorpus.Arguments(container) },
        });
        Assert.Equal("task", created.Result?["resultType"]?.GetValue<string>());
        var taskId = created.Result!["taskId"]!.GetValue<string>();

        // tasks/* need the Mcp-Name header, which the SDK's transport adds for them only when told the routing name.
        var unrouted = await Assert.ThrowsAsync<McpProtocolException>(() => client.SendRequestAsync(new JsonRpcRequest { Method = "tasks/get", Params = new JsonObject { ["taskId"] = taskId } }));
        Assert.Equal(McpErrorCode.HeaderMismatch, unrouted.ErrorCode);

        var waiting = await Poll.UntilAsync(() => SendTaskRequestAsync(client, "tasks/get", taskId), t => t["status"]?.GetValue<string>() != "working", Timeout, "input_required");
        Assert.Equal("input_required", waiting["status"]?.GetValue<string>());
        var inputRequests = waiting["inputRequests"].Deserialize(McpJsonUtilities.DefaultOptions.GetTypeInfo<IDictionary<string, InputRequest>>())!;
        var inputResponses = await client.ResolveInputRequestsAsync(inputRequests, CancellationToken.None);
        Assert.Equal(inputRequests.Keys, inputResponses.Keys);
        Assert.Single(user.Asked);

        var wrong = await Assert.ThrowsAsync<McpProtocolException>(() => SendTaskRequestAsync(client, "tasks/update", taskId, new JsonObject
        {
            ["inputResponses"] = new JsonObject { [inputRequests.Keys.Single()] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["doc1"] = "spam" } } },
        }));
        Assert.Equal(McpErrorCode.InvalidParams, wrong.ErrorCode);
        Assert.Contains("'doc1' must be one of", wrong.Message, StringComparison.Ordinal);

        var ack = await SendTaskRequestAsync(client, "tasks/update", taskId, new JsonObject
        {
            ["inputResponses"] = JsonSerializer.SerializeToNode(inputResponses, McpJsonUtilities.DefaultOptions.GetTypeInfo<IDictionary<string, InputResponse>>()),
        });
        Assert.Equal("complete", ack["resultType"]?.GetValue<string>());
        var done = await Poll.UntilAsync(() => SendTaskRequestAsync(client, "tasks/get", taskId), t => t["status"]?.GetValue<string>() is "completed" or "failed" or "cancelled", Timeout, "completion");

        Assert.Equal("completed", done["status"]?.GetValue<string>());
        var summary = done["result"]!["structuredContent"]!;
        Assert.Equal("accept", summary["reviewed"]!["outcome"]!.GetValue<string>());
        Assert.Equal(1, summary["relabelled"]!.GetValue<int>());
        await AssertCorrectedAsync(summary, user);
    }

    private async Task<McpClient> ConnectAsync(McpClientOptions options)
    {
        var server = await shared.GetAsync(azurite, "sdkclient");
        var transport = new HttpClientTransport(new HttpClientTransportOptions { Endpoint = server.McpEndpoint, TransportMode = HttpTransportMode.StreamableHttp });
        return await McpClient.CreateAsync(transport, options);
    }

    /// <summary>A <c>tasks/*</c> request through the SDK client, with <c>Mcp-Name</c> set to the task id; returns the result.</summary>
    private static async Task<JsonObject> SendTaskRequestAsync(McpClient client, string method, string taskId, JsonObject? parameters = null)
    {
        var body = parameters ?? [];
        body["taskId"] = taskId;
        var response = await client.SendRequestAsync(new JsonRpcRequest { Method = method, Params = body, Context = new JsonRpcMessageContext { RoutingName = taskId } });
        return response.Result as JsonObject ?? throw new Xunit.Sdk.XunitException($"{method}: no result object in {response.Result}");
    }

    private static Dictionary<string, object?> Arguments(string container, double reviewBelow) => new()
    {
        ["container"] = container,
        ["prefix"] = "inbox/",
        ["reviewBelow"] = reviewBelow,
    };

    private async Task AssertCorrectedAsync(JsonNode summary, ReviewingUser user)
    {
        var entries = await ReviewCorpus.ReadOutputAsync(azurite, summary["output"]!.GetValue<string>());
        var corrected = Assert.Single(entries, e => e!["modelCategory"] is not null);
        Assert.Equal(user.Document, corrected!["name"]!.GetValue<string>());
        Assert.Equal(user.Correction, corrected["category"]!.GetValue<string>());
    }

    /// <summary>The user behind the SDK's elicitation handler: corrects the first document of the review form, keeps the rest.</summary>
    private sealed class ReviewingUser
    {
        private readonly Lock _lock = new();
        private readonly List<ElicitRequestParams> _asked = [];

        public IReadOnlyList<ElicitRequestParams> Asked
        {
            get
            {
                lock (_lock)
                {
                    return [.. _asked];
                }
            }
        }

        public string? Document { get; private set; }

        public string? Correction { get; private set; }

        public ValueTask<ElicitResult> AnswerAsync(ElicitRequestParams? request, CancellationToken cancellationToken)
        {
            ArgumentNullException.ThrowIfNull(request);
            lock (_lock)
            {
                _asked.Add(request);
            }

            var (field, definition) = request.RequestedSchema!.Properties.First();
            var choice = Assert.IsType<ElicitRequestParams.UntitledSingleSelectEnumSchema>(definition);
            Document = choice.Title;
            Correction = choice.Enum.First(c => c != choice.Default);

            // Only the corrected field: the SDK fills the others in from the form's defaults (the model's guesses).
            return ValueTask.FromResult(new ElicitResult
            {
                Action = "accept",
                Content = new Dictionary<string, JsonElement> { [field] = JsonSerializer.SerializeToElement(Correction, McpJsonUtilities.DefaultOptions.GetTypeInfo<string>()) },
            });
        }
    }
}
