using System.Text.Json.Nodes;
using DurableMcp.FunctionApp.Tests.Infrastructure;
using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests;

/// <summary>
/// Answers to a task's typed questions through <c>tasks/update</c>: several questions outstanding at once, partial
/// answers, answers sent twice or to keys never asked, and answers that do not fit the form. Test-only tools that ask
/// two questions, on the same MCP pipeline in-process (real Kestrel, real Azurite).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ElicitationAnswerTests(AzuriteFixture azurite, InProcessServerFixture host) : IClassFixture<InProcessServerFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TasksUpdate_TwoQuestionsAnsweredOneByOne_OtherStaysOutstandingUntilAnswered()
    {
        using var client = await ClientAsync();
        var taskId = await StartAsync(client, TestDurableTools.TwoQuestionsTool, "A-17");

        // Both questions were started before either was awaited, so the task publishes both at once.
        var task = await client.WaitForInputRequiredAsync(taskId, Timeout);
        var both = InputRequestAssert.Outstanding(task);
        Assert.Equal(2, both.Count);
        var carrierKey = InputRequestAssert.KeyFor(both, TestDurableTools.CarrierQuestion);
        var parcelKey = InputRequestAssert.KeyFor(both, TestDurableTools.ParcelQuestion);
        AssertCarrierForm(InputRequestAssert.IsFormElicitation(both[carrierKey]));
        AssertParcelForm(InputRequestAssert.IsFormElicitation(both[parcelKey]));

        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(carrierKey, "accept", new JsonObject { ["carrier"] = "Courier", ["insured"] = true })));

        // Only the unanswered question remains, on every poll, while the task waits for it.
        await client.WaitForTaskAsync(taskId, t => t["inputRequests"] is JsonObject r && !r.ContainsKey(carrierKey), Timeout, "the carrier answer to be taken");
        await Poll.HoldsAsync(
            async () => (await client.GetTaskAsync(taskId)).RequireResult(),
            t => TaskAssert.Status(t) == "input_required" && t["inputRequests"] is JsonObject left && left.Count == 1 &&
                 JsonNode.DeepEquals(left[parcelKey], both[parcelKey]),
            TimeSpan.FromSeconds(1.5),
            "only the parcel question is outstanding");

        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(parcelKey, "accept", new JsonObject { ["parcels"] = 3 })));
        var done = await client.WaitForTerminalAsync(taskId, Timeout);

        Assert.Equal("completed", TaskAssert.Status(done));
        Assert.Null(done["inputRequests"]);
        Assert.Equal("Order A-17: Courier, insured; 3 parcels.", TaskAssert.Text(done["result"]!));
    }

    [Fact]
    public async Task TasksUpdate_PartialAnswer_TheFirstGetAfterTheAckListsOnlyTheOpenQuestion()
    {
        using var client = await ClientAsync();
        var taskId = await StartAsync(client, TestDurableTools.TwoQuestionsTool, "E-5");
        var both = InputRequestAssert.Outstanding(await client.WaitForInputRequiredAsync(taskId, Timeout));
        var carrierKey = InputRequestAssert.KeyFor(both, TestDurableTools.CarrierQuestion);
        var parcelKey = InputRequestAssert.KeyFor(both, TestDurableTools.ParcelQuestion);

        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(carrierKey, "accept", new JsonObject { ["carrier"] = "Post" })));

        // No polling: the ack comes once the run has taken the answer, so the very next read no longer lists it.
        var next = (await client.GetTaskAsync(taskId)).RequireResult();
        Assert.Equal([parcelKey], InputRequestAssert.Outstanding(next).Select(q => q.Key));

        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(parcelKey, "accept", new JsonObject { ["parcels"] = 4 })));
        var after = (await client.GetTaskAsync(taskId)).RequireResult();
        Assert.Null(after["inputRequests"]);
        Assert.NotEqual("input_required", TaskAssert.Status(after));
        var done = await client.WaitForTerminalAsync(taskId, Timeout);
        Assert.Equal("Order E-5: Post; 4 parcels.", TaskAssert.Text(done["result"]!));
    }

    [Fact]
    public async Task TasksUpdate_KeyAnsweredAgainAfterItWasConsumed_AcknowledgedAndIgnored()
    {
        using var client = await ClientAsync();
        var taskId = await StartAsync(client, TestDurableTools.QuestionsInTurnTool, "B-2");
        var (carrierKey, _) = InputRequestAssert.Single(await client.WaitForInputRequiredAsync(taskId, Timeout));
        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(carrierKey, "accept", new JsonObject { ["carrier"] = "Post" })));

        // The parcel question is asked only after the run has taken the carrier answer: then that key is spent.
        var next = await client.WaitForTaskAsync(
            taskId, t => t["inputRequests"] is JsonObject r && r.Any(q => q.Key != carrierKey), Timeout, "the second question");
        var (parcelKey, _) = InputRequestAssert.Single(next);
        Assert.NotEqual(carrierKey, parcelKey);

        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(carrierKey, "accept", new JsonObject { ["carrier"] = "Freight", ["insured"] = true })));
        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer("q-never-asked", "accept", new JsonObject { ["anything"] = "at all" })));
        Assert.Equal(parcelKey, InputRequestAssert.Single((await client.GetTaskAsync(taskId)).RequireResult()).Key);

        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(parcelKey, "accept", new JsonObject { ["parcels"] = 2 })));
        var done = await client.WaitForTerminalAsync(taskId, Timeout);
        Assert.Equal("Order B-2: Post; 2 parcels.", TaskAssert.Text(done["result"]!));

        // Answering again once the task is over changes nothing either.
        var again = new JsonObject
        {
            [carrierKey] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["carrier"] = "Freight" } },
            [parcelKey] = new JsonObject { ["action"] = "decline" },
        };
        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, again));
        var after = (await client.GetTaskAsync(taskId)).RequireResult();
        Assert.Equal("completed", TaskAssert.Status(after));
        Assert.Equal(done["lastUpdatedAt"]?.GetValue<string>(), after["lastUpdatedAt"]?.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(done["result"], after["result"]), $"The result changed: {after.ToJsonString()}");
    }

    public static TheoryData<string, string, string> WrongAnswers() => new()
    {
        { "value outside the enum", """{"action":"accept","content":{"carrier":"Drone"}}""", "'carrier' must be one of Post, Courier, Freight" },
        { "required field missing", """{"action":"accept","content":{"insured":true}}""", "'carrier' is required" },
        { "wrong type", """{"action":"accept","content":{"carrier":"Post","insured":"yes"}}""", "'insured' must be true or false" },
        { "unknown field", """{"action":"accept","content":{"carrier":"Post","colour":"red"}}""", "'colour' is not a field of this form" },
        { "bad action", """{"action":"later"}""", "action must be \"accept\", \"decline\" or \"cancel\", not \"later\"" },
        { "accept without content", """{"action":"accept"}""", "an accepted answer needs \"content\"" },
        { "not an object", "\"Post\"", "an answer is an object with \"action\"" },
    };

    [Theory]
    [MemberData(nameof(WrongAnswers))]
    public async Task TasksUpdate_AnswerDoesNotFitForm_InvalidParamsAndQuestionStaysOpen(string wrong, string answer, string problem)
    {
        using var client = await ClientAsync();
        var taskId = await StartAsync(client, TestDurableTools.QuestionsInTurnTool, "C-3");
        var asked = await client.WaitForInputRequiredAsync(taskId, Timeout);
        var (key, _) = InputRequestAssert.Single(asked);

        var refused = await client.UpdateTaskAsync(taskId, new JsonObject { [key] = JsonNode.Parse(answer) });

        Assert.True(refused.ErrorCode == -32602, $"{wrong}: expected -32602, got {refused}");
        Assert.Contains(key, refused.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains(problem, refused.ErrorMessage, StringComparison.Ordinal);
        var still = (await client.GetTaskAsync(taskId)).RequireResult();
        Assert.True(JsonNode.DeepEquals(asked["inputRequests"], InputRequestAssert.Outstanding(still)), $"{wrong}: the question changed: {still.ToJsonString()}");

        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(key, "accept", new JsonObject { ["carrier"] = "Freight", ["insured"] = false })));
        var (parcelKey, _) = InputRequestAssert.Single(await client.WaitForTaskAsync(
            taskId, t => t["inputRequests"] is JsonObject r && !r.ContainsKey(key), Timeout, "the second question"));
        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, InputRequestAssert.Answer(parcelKey, "accept", new JsonObject { ["parcels"] = 20 })));
        var done = await client.WaitForTerminalAsync(taskId, Timeout);
        Assert.Equal("Order C-3: Freight; 20 parcels.", TaskAssert.Text(done["result"]!));
    }

    [Fact]
    public async Task TasksUpdate_OneWrongAnswerAmongRightOnes_NoneRecorded()
    {
        using var client = await ClientAsync();
        var taskId = await StartAsync(client, TestDurableTools.TwoQuestionsTool, "D-4");
        var both = InputRequestAssert.Outstanding(await client.WaitForInputRequiredAsync(taskId, Timeout));
        var carrierKey = InputRequestAssert.KeyFor(both, TestDurableTools.CarrierQuestion);
        var parcelKey = InputRequestAssert.KeyFor(both, TestDurableTools.ParcelQuestion);

        var refused = await client.UpdateTaskAsync(taskId, new JsonObject
        {
            [carrierKey] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["carrier"] = "Post" } },
            [parcelKey] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["parcels"] = 21 } },
        });

        Assert.Equal(-32602, refused.RequireErrorCode());
        Assert.Contains($"'{parcelKey}': 'parcels' must be at most 20", refused.ErrorMessage, StringComparison.Ordinal);
        Assert.DoesNotContain(carrierKey, refused.ErrorMessage, StringComparison.Ordinal);
        var still = InputRequestAssert.Outstanding((await client.GetTaskAsync(taskId)).RequireResult());
        Assert.True(JsonNode.DeepEquals(both, still), $"The good answer was recorded after all: {still.ToJsonString()}");

        TaskAssert.IsAcknowledgement(await client.UpdateTaskAsync(taskId, new JsonObject
        {
            [carrierKey] = new JsonObject { ["action"] = "decline" },
            [parcelKey] = new JsonObject { ["action"] = "accept", ["content"] = new JsonObject { ["parcels"] = 1 } },
        }));
        var done = await client.WaitForTerminalAsync(taskId, Timeout);
        Assert.Equal("Order D-4: carrier Decline; 1 parcels.", TaskAssert.Text(done["result"]!));
    }

    private static async Task<string> StartAsync(McpHttpClient client, string tool, string order)
    {
        var created = await client.CallToolAsync(tool, new JsonObject { ["order"] = order }, withTasks: true);
        return TaskAssert.IsCreateTaskResult(created, DateTimeOffset.UtcNow);
    }

    /// <summary>The carrier form, from <c>CarrierChoice</c>: a required single choice of the enum's names and an optional boolean.</summary>
    private static void AssertCarrierForm(JsonObject question)
    {
        var schema = question["requestedSchema"]!;
        Assert.Equal("string", schema["properties"]!["carrier"]!["type"]?.GetValue<string>());
        Assert.Equal(["Post", "Courier", "Freight"], schema["properties"]!["carrier"]!["enum"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal("boolean", schema["properties"]!["insured"]!["type"]?.GetValue<string>());
        Assert.Equal(["carrier"], schema["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    /// <summary>The parcel form, from <c>ParcelCount</c>: a required integer between 1 and 20.</summary>
    private static void AssertParcelForm(JsonObject question)
    {
        var parcels = question["requestedSchema"]!["properties"]!["parcels"]!;
        Assert.Equal("integer", parcels["type"]?.GetValue<string>());
        Assert.Equal(1, parcels["minimum"]!.GetValue<double>());
        Assert.Equal(20, parcels["maximum"]!.GetValue<double>());
        Assert.Equal(["parcels"], question["requestedSchema"]!["required"]!.AsArray().Select(r => r!.GetValue<string>()));
    }

    private async Task<McpHttpClient> ClientAsync() => (await host.GetAsync(azurite, TestDurableTools.Host)).CreateClient();
}
