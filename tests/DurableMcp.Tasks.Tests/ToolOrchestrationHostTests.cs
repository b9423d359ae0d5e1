using System.Text.Json;
using DurableMcp.Tasks.Durable;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tasks.Tools;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableMcp.Tasks.Tests;

/// <summary>
/// Tool orchestrations on the Durable Task SDK's in-memory test host: the same orchestrator code the hosts run, without
/// storage. What the task layer reads back (custom status, output, failure) is checked through the real client.
/// </summary>
public sealed class ToolOrchestrationHostTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private DurableTaskTestHost _host = null!;

    private DurableTaskClient Client => _host.Client;

    public async Task InitializeAsync()
    {
        var services = new ServiceCollection();
        services.AddMcpServer().WithDurableTasks().WithDurableTools(typeof(SampleDurableTools)).WithActivity<Greeting>();
        var catalog = services.BuildServiceProvider().GetRequiredService<DurableToolCatalog>();
        _host = await DurableTaskTestHost.StartAsync(catalog.AddTo);
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Run_CallsActivities_OutputIsCallToolResultAndStatusMessage()
    {
        var id = await StartAsync("greet_twice", """{"name":"Ada","times":3}""");

        var done = await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        Assert.Equal("Hello, Ada! Hello, Ada! Hello, Ada!", Text(done));
        Assert.Equal("greeting", Custom(done).Message);
    }

    [Fact]
    public async Task Elicit_PublishesTheQuestion_AnswerResumes_QuestionIsSettled()
    {
        var id = await StartAsync("confirm_delete", """{"item":"report.pdf"}""");

        var waiting = await UntilAsync(id, m => Custom(m).InputRequests is { Count: 1 });
        var (key, request) = Custom(waiting).InputRequests!.Single();
        Assert.StartsWith("q-", key, StringComparison.Ordinal);
        Assert.Equal("elicitation/create", request.GetProperty("method").GetString());
        Assert.Equal("Delete report.pdf?", request.GetProperty("params").GetProperty("message").GetString());
        Assert.True(request.GetProperty("params").GetProperty("requestedSchema").GetProperty("properties").TryGetProperty("confirm", out _));

        await Client.RaiseEventAsync(id, key, JsonDocument.Parse("""{"action":"accept","content":{"confirm":true}}""").RootElement);
        var done = await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        Assert.Equal("deleted report.pdf", Text(done));
        Assert.Null(Custom(done).InputRequests);
    }

    [Fact]
    public async Task Elicit_AnsweredTwice_TheSecondAnswerHasNoEffect()
    {
        var id = await StartAsync("confirm_delete", """{"item":"a"}""");
        var key = Custom(await UntilAsync(id, m => Custom(m).InputRequests is { Count: 1 })).InputRequests!.Keys.Single();

        await Client.RaiseEventAsync(id, key, JsonDocument.Parse("""{"action":"decline"}""").RootElement);
        await Client.RaiseEventAsync(id, key, JsonDocument.Parse("""{"action":"accept","content":{"confirm":true}}""").RootElement);

        Assert.Equal("kept a", Text(await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed)));
    }

    [Fact]
    public async Task Elicit_NoAnswerBeforeTheTimeout_TimesOut()
    {
        var id = await StartAsync("confirm_delete", """{"item":"a","timeoutSeconds":1}""");

        Assert.Equal("no answer", Text(await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed)));
    }

    [Fact]
    public async Task ProtocolException_FailsTheOrchestration_WithItsJsonRpcCode()
    {
        var id = await StartAsync("refuse", "{}");

        var failed = await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Failed);

        Assert.Equal(
            new TaskFailure(-32602, "Nothing to refuse with."),
            ToolProtocolException.ToFailure(failed.FailureDetails?.ErrorType, failed.FailureDetails?.ErrorMessage));
    }

    [Fact]
    public async Task ToolException_CompletesWithAnIsErrorResult()
    {
        var id = await StartAsync("crash", "{}");

        var done = await UntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Completed);

        var result = JsonDocument.Parse(done.SerializedOutput!).RootElement;
        Assert.True(result.GetProperty("isError").GetBoolean());
        Assert.Contains("The disk is full.", result.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    private Task<string> StartAsync(string tool, string arguments) =>
        Client.ScheduleNewOrchestrationInstanceAsync(tool, JsonDocument.Parse(arguments).RootElement);

    private async Task<OrchestrationMetadata> UntilAsync(string id, Func<OrchestrationMetadata, bool> condition)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        while (true)
        {
            var metadata = await Client.GetInstanceAsync(id, getInputsAndOutputs: true, deadline.Token);
            if (metadata is not null && condition(metadata))
            {
                return metadata;
            }

            Assert.False(metadata?.RuntimeStatus is OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Completed, $"The orchestration ended {metadata?.RuntimeStatus}: {metadata?.FailureDetails?.ErrorMessage}");
            await Task.Delay(20, deadline.Token);
        }
    }

    private static TaskCustomStatus Custom(OrchestrationMetadata metadata) =>
        metadata.SerializedCustomStatus is { } json ? JsonSerializer.Deserialize(json, DurableJsonContext.Default.TaskCustomStatus)! : new TaskCustomStatus();

    private static string Text(OrchestrationMetadata metadata) =>
        JsonDocument.Parse(metadata.SerializedOutput!).RootElement.GetProperty("content")[0].GetProperty("text").GetString()!;
}
