using Microsoft.DurableTask.Client;
using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// Multi round-trip requests: a call WITHOUT the tasks extension to a durable tool that asks a question answers
/// <c>{resultType: "input_required", inputRequests, requestState}</c>; the client retries the same <c>tools/call</c> with
/// <c>inputResponses</c> and that <c>requestState</c> (here on another server process) and gets the final result.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class MrtrTests(AzuriteFixture azurite, ServerPairFixture servers) : IClassFixture<ServerPairFixture>
{
    private const string Tool = "classify_documents";

    /// <summary>A client that can show a form to its user, but does not do tasks.</summary>
    private static readonly JsonObject ClientCapabilities = McpHttpClient.Capabilities(withTasks: false, withElicitation: true);

    [Fact]
    public async Task ToolsCall_WithoutTasksReviewAsked_InputRequiredThenRetryWithAnswersCompletes()
    {
        await servers.StartAsync(azurite);
        var container = await ReviewDocuments.UploadAsync(azurite);
        using var first = servers.Worker.CreateClient();
        using var retrier = servers.Frontend.CreateClient();
        var call = new JsonObject { ["name"] = Tool, ["arguments"] = ReviewCorpus.Arguments(container) };

        var asked = (await first.RequestAsync("tools/call", call, ClientCapabilities, Tool)).RequireResult();

        Assert.Equal("input_required", asked["resultType"]?.GetValue<string>());
        Assert.Null(asked["content"]);
        Assert.Null(asked["taskId"]);
        var requestState = asked["requestState"]?.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(requestState), $"No requestState in {asked.ToJsonString()}");
        var (key, request) = Assert.Single(asked["inputRequests"]!.AsObject());
        var question = InputRequestAssert.IsFormElicitation(request);
        var (field, document, model, correction) = ReviewCorpus.FirstField(question);

        // A retry that carries the state but no answer is asked the same question again.
        var again = (await retrier.RequestAsync("tools/call", With(call, requestState!, inputResponses: null), ClientCapabilities, Tool)).RequireResult();
        Assert.Equal("input_required", again["resultType"]?.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(asked["inputRequests"], again["inputRequests"]), $"A different question: {again.ToJsonString()}");
        Assert.Equal(requestState, again["requestState"]?.GetValue<string>());

        var answered = InputRequestAssert.Answer(key, "accept", new JsonObject { [field] = correction });

        // A retry with other arguments is not the same call: refused, and its answers are not taken.
        var otherCall = new JsonObject { ["name"] = Tool, ["arguments"] = ReviewCorpus.Arguments(container, outputName: "elsewhere.json") };
        var mismatched = await retrier.RequestAsync("tools/call", With(otherCall, requestState!, answered), ClientCapabilities, Tool);
        Assert.Equal(-32602, mismatched.RequireErrorCode());
        Assert.Contains("other arguments", mismatched.ErrorMessage, StringComparison.Ordinal);
        var stillAsked = (await retrier.RequestAsync("tools/call", With(call, requestState!, inputResponses: null), ClientCapabilities, Tool)).RequireResult();
        Assert.Equal("input_required", stillAsked["resultType"]?.GetValue<string>());

        var final = (await retrier.RequestAsync("tools/call", With(call, requestState!, answered), ClientCapabilities, Tool)).RequireResult();

        Assert.Equal("complete", final["resultType"]?.GetValue<string>());
        Assert.NotEqual(true, final["isError"]?.GetValue<bool>());
        Assert.Null(final["inputRequests"]);
        var summary = final["structuredContent"]!;
        Assert.Equal(JsonNode.Parse(TaskAssert.Text(final))!.ToJsonString(), summary.ToJsonString());
        Assert.Equal("accept", summary["reviewed"]!["outcome"]!.GetValue<string>());
        Assert.Equal(ReviewDocuments.Texts.Count, summary["reviewed"]!["asked"]!.GetValue<int>());
        Assert.Equal(1, summary["relabelled"]!.GetValue<int>());
        var corrected = Assert.Single(await ReviewCorpus.ReadOutputAsync(azurite, summary["output"]!.GetValue<string>()), e => e!["modelCategory"] is not null);
        Assert.Equal(document, corrected!["name"]!.GetValue<string>());
        Assert.Equal(correction, corrected["category"]!.GetValue<string>());
        Assert.Equal(model, corrected["modelCategory"]!.GetValue<string>());
    }

    [Fact]
    public async Task ToolsCall_QuestionForAClientWithoutFormElicitation_MissingCapability32021_AndTheRunIsCancelled()
    {
        await servers.StartAsync(azurite);
        var container = await ReviewDocuments.UploadAsync(azurite);
        using var client = servers.Frontend.CreateClient();
        var call = new JsonObject { ["name"] = Tool, ["arguments"] = ReviewCorpus.Arguments(container) };
        var cancelledBefore = (await StoredStatusesAsync(servers.TaskHub)).Count(s => s == OrchestrationRuntimeStatus.Terminated);
        var urlOnly = McpHttpClient.Capabilities(withTasks: false);
        urlOnly["elicitation"] = new JsonObject { ["url"] = new JsonObject() };

        foreach (var capabilities in new[] { McpHttpClient.Capabilities(withTasks: false), urlOnly })
        {
            var response = await client.RequestAsync("tools/call", call, capabilities, Tool);

            Assert.Equal(-32021, response.RequireErrorCode());
            Assert.Contains("elicitation", response.ErrorMessage, StringComparison.Ordinal);
            Assert.NotNull(response.Error?["data"]?["requiredCapabilities"]?["elicitation"]?["form"]);
        }

        // Nothing is left running on the caller's behalf: both refused runs ended cancelled.
        var statuses = await StoredStatusesAsync(servers.TaskHub);
        Assert.Equal(cancelledBefore + 2, statuses.Count(s => s == OrchestrationRuntimeStatus.Terminated));
        Assert.DoesNotContain(statuses, s => s is OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Running);
    }

    private async Task<List<OrchestrationRuntimeStatus>> StoredStatusesAsync(string taskHub)
    {
        await using var reader = await TaskHubReader.OpenAsync(azurite, taskHub);
        var statuses = new List<OrchestrationRuntimeStatus>();
        await foreach (var instance in reader.Client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            if (instance.Name == Tool)
            {
                statuses.Add(instance.RuntimeStatus);
            }
        }

        return statuses;
    }

    [Fact]
    public async Task ToolsCall_RetryWithBogusRequestState_InvalidParams()
    {
        await servers.StartAsync(azurite);
        using var client = servers.Frontend.CreateClient();
        var call = new JsonObject { ["name"] = Tool, ["arguments"] = ReviewCorpus.Arguments("irrelevant") };
        var answers = InputRequestAssert.Answer("q-0123", "accept", []);

        foreach (var bogus in new[] { "not-a-run", "AAAAAAAAAAAAAAAAAAAAAAAAAAA" })
        {
            var response = await client.RequestAsync("tools/call", With(call, bogus, answers), ClientCapabilities, Tool);

            Assert.Equal(-32602, response.RequireErrorCode());
            Assert.Contains("requestState", response.ErrorMessage, StringComparison.Ordinal);
        }
    }

    /// <summary>The retry of <paramref name="call"/>: the same params plus <c>requestState</c> and, when given, <c>inputResponses</c>.</summary>
    private static JsonObject With(JsonObject call, string requestState, JsonObject? inputResponses)
    {
        var retry = (JsonObject)call.DeepClone();
        retry["requestState"] = requestState;
        if (inputResponses is not null)
        {
            retry["inputResponses"] = inputResponses.DeepClone();
        }

        return retry;
    }
}
