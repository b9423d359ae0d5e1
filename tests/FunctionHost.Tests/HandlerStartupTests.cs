using DurableMcp.FunctionApp.Functions;
using DurableMcp.FunctionHost.Tests.Infrastructure;
using DurableMcp.Testing;

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

    [Fact]
    public async Task JwtMode_BehindTheHost_ChallengesWithProtectedResourceMetadataAtThePublicAddress()
    {
        using var appRoot = AppRoot.Create();
        await using var host = await FunctionsHostEmulator.StartAsync(appRoot, HandlerFixture.SampleSettings(azurite.ConnectionString, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Identity__Mode"] = "Jwt",
            ["Identity__Authority"] = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000/v2.0",
            ["Identity__Audience"] = "api://durable-mcp-test",
        }));
        using var http = new HttpClient(host.FrontEnd, disposeHandler: false) { BaseAddress = new Uri("https://durable-mcp-test.azurewebsites.net") };

        using var challenge = await http.PostAsync(new Uri("/mcp", UriKind.Relative), new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, challenge.StatusCode);
        var header = string.Join(", ", challenge.Headers.WwwAuthenticate.Select(h => h.ToString()));
        var metadataUrl = System.Text.RegularExpressions.Regex.Match(header, "resource_metadata=\"([^\"]+)\"").Groups[1].Value;
        Assert.StartsWith("https://durable-mcp-test.azurewebsites.net/.well-known/oauth-protected-resource", metadataUrl, StringComparison.Ordinal);

        using var metadata = await http.GetAsync(new Uri(metadataUrl));
        Assert.Equal(System.Net.HttpStatusCode.OK, metadata.StatusCode);
        var document = System.Text.Json.Nodes.JsonNode.Parse(await metadata.Content.ReadAsStringAsync())!;
        Assert.StartsWith("https://durable-mcp-test.azurewebsites.net/", document["resource"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
