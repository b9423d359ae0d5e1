using DurableMcp.FunctionApp.Functions;
using DurableMcp.FunctionHost.Tests.Infrastructure;

namespace DurableMcp.FunctionHost.Tests;

/// <summary>How the handler starts under the Functions host, with settings and files that differ from the defaults.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HandlerStartupTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task EmbeddedWorker_TurnedBackOnByAnAppSetting_RunsTasksWithoutTheTrigger()
    {
        using var appRoot = AppRoot.Create();
        await using var host = await FunctionsHostEmulator.StartAsync(appRoot, HandlerFixture.SampleSettings(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["DurableEngine__WorkerEnabled"] = "true",
            ["DurableEngine__MaxPollInterval"] = "00:00:00.500",
        }));
        using var mcp = new McpClient(host.FrontEnd);
        var taskId = await mcp.StartTaskAsync("run_steps", HandlerFixture.Args(("steps", 2)));

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (await mcp.StatusAsync(taskId) != "completed")
        {
            Assert.True(DateTime.UtcNow < deadline, $"The embedded worker did not complete the task. Output:{Environment.NewLine}{host.RecentOutput}");
            await Task.Delay(200);
        }
    }

    [Fact]
    public async Task Start_WhenTheQueueTriggerListensOnAnotherQueueThanTheEngineWritesTo_Fails()
    {
        using var appRoot = AppRoot.Create(root =>
        {
            var path = Path.Combine(root, FunctionLayout.WorkerFunction, FunctionLayout.FunctionJson);
            var function = FunctionAppFiles.ReadJson(path);
            function["bindings"]![0]!["queueName"] = "otherhub-work";
            File.WriteAllText(path, function.ToJsonString());
        });

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            FunctionsHostEmulator.StartAsync(appRoot, HandlerFixture.SampleSettings(azurite.ConnectionString)));

        Assert.Contains("listens on 'otherhub-work'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_WithoutTheTriggersStorageConnection_FailsNamingTheSetting()
    {
        using var appRoot = AppRoot.Create();
        var settings = HandlerFixture.SampleSettings(azurite.ConnectionString);
        settings.Remove("AzureWebJobsStorage");

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => FunctionsHostEmulator.StartAsync(appRoot, settings));

        Assert.Contains("'AzureWebJobsStorage'", failure.Message, StringComparison.Ordinal);
    }
}
