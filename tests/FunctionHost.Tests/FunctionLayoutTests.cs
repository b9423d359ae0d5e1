using System.Globalization;
using DurableMcp.Engine.Hosting;
using DurableMcp.FunctionApp.Functions;
using DurableMcp.FunctionHost.Tests.Infrastructure;

namespace DurableMcp.FunctionHost.Tests;

/// <summary>
/// One source of truth: the function folders, host.json, local.settings.sample.json and the handler's and engine's
/// configuration name the same functions, routes, queue and connection, and the host's queue rules keep the engine's.
/// </summary>
public sealed class FunctionLayoutTests
{
    private static readonly FunctionAppFiles Files = FunctionAppFiles.FromRepository();
    private static readonly DurableEngineOptions EngineDefaults = new();

    [Fact]
    public void FunctionFolders_AreTheHandlersFunctions()
    {
        Assert.Equal(
            [FunctionLayout.JanitorFunction, FunctionLayout.WorkerFunction, FunctionLayout.McpFunction, FunctionLayout.ResourceMetadataFunction],
            Files.Functions.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("httpTrigger", Files.Trigger(FunctionLayout.McpFunction)["type"]!.GetValue<string>());
        Assert.Equal("httpTrigger", Files.Trigger(FunctionLayout.ResourceMetadataFunction)["type"]!.GetValue<string>());
        Assert.Equal(FunctionLayout.ResourceMetadataRoute, Files.Trigger(FunctionLayout.ResourceMetadataFunction)["route"]!.GetValue<string>());
        Assert.Equal("queueTrigger", Files.Trigger(FunctionLayout.WorkerFunction)["type"]!.GetValue<string>());
        Assert.Equal("timerTrigger", Files.Trigger(FunctionLayout.JanitorFunction)["type"]!.GetValue<string>());
        Assert.Equal(FunctionLayout.WorkerTriggerBinding, Files.Trigger(FunctionLayout.WorkerFunction)["name"]!.GetValue<string>());
        Assert.Equal(FunctionLayout.JanitorTriggerBinding, Files.Trigger(FunctionLayout.JanitorFunction)["name"]!.GetValue<string>());
    }

    [Fact]
    public void McpFunction_IsForwardedToTheHandlersMcpEndpoint_AsIs()
    {
        var trigger = Files.Trigger(FunctionLayout.McpFunction);
        Assert.Equal(FunctionLayout.McpRoute, trigger["route"]!.GetValue<string>());
        Assert.Equal("", Files.RoutePrefix); // So the public path /mcp is the handler's path /mcp.
        Assert.Equal(["delete", "get", "post"], trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>()).Order(StringComparer.Ordinal));

        // Forwarded unchanged (path, headers, streamed body) needs an HTTP trigger with an HTTP output and nothing else.
        Assert.Equal(["http", "httpTrigger"], Files.Functions[FunctionLayout.McpFunction]["bindings"]!.AsArray().Select(b => b!["type"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.True(Files.CustomHandler["enableProxyingHttpRequest"]!.GetValue<bool>());
        Assert.True(Files.CustomHandler["enableForwardingHttpRequest"]!.GetValue<bool>());
    }

    [Fact]
    public void WorkerFunction_ListensOnTheEnginesWorkQueue_WithTheConfiguredTaskHub()
    {
        var queueName = Files.Trigger(FunctionLayout.WorkerFunction)["queueName"]!.GetValue<string>();
        var appSettings = FunctionAppFiles.ReadJson(Repository.PathOf("FunctionApp", "appsettings.json"));
        var localSettings = FunctionAppFiles.ReadJson(Repository.PathOf("local.settings.sample.json"))["Values"]!;

        Assert.Equal(EngineDefaults.WorkQueueName, queueName);
        Assert.Equal(new DurableEngineOptions { TaskHub = appSettings["DurableEngine"]!["TaskHub"]!.GetValue<string>() }.WorkQueueName, queueName);
        Assert.Equal(new DurableEngineOptions { TaskHub = localSettings["DurableEngine__TaskHub"]!.GetValue<string>() }.WorkQueueName, queueName);
    }

    [Fact]
    public void WorkerFunction_UsesTheStorageConnectionThatTheLocalSettingsAndTheHandlerUse()
    {
        var connection = Files.Trigger(FunctionLayout.WorkerFunction)["connection"]!.GetValue<string>();
        var localSettings = FunctionAppFiles.ReadJson(Repository.PathOf("local.settings.sample.json"))["Values"]!.AsObject();

        Assert.Equal(FunctionAppRoot.DefaultConnection, connection); // Also the host's own storage: one account for everything.
        Assert.Equal("UseDevelopmentStorage=true", localSettings[connection]!.GetValue<string>());
        Assert.Equal("custom", localSettings["FUNCTIONS_WORKER_RUNTIME"]!.GetValue<string>());
        Assert.DoesNotContain(localSettings, s => s.Key.StartsWith("DurableEngine__", StringComparison.Ordinal) && s.Key is "DurableEngine__ConnectionString" or "DurableEngine__WorkerEnabled");
    }

    [Fact]
    public void JanitorSchedule_RunsAsOftenAsTheEmbeddedJanitor()
    {
        var schedule = Files.Trigger(FunctionLayout.JanitorFunction)["schedule"]!.GetValue<string>();
        Assert.Equal(EngineDefaults.PurgeInterval, FunctionsSchema.EveryNMinutes(schedule));
    }

    [Fact]
    public void QueueSettings_KeepTheEnginesRules()
    {
        // The engine writes the bare instance id (no base64).
        Assert.Equal("none", Files.Queues!["messageEncoding"]!.GetValue<string>());

        // The engine's per-instance attempt count says when a task is poison, before the host's per-message count would.
        Assert.True(Files.QueueSetting("maxDequeueCount", 5) > EngineDefaults.MaxAttempts);

        // A failed message comes back when the embedded worker's would: after the lease it held.
        Assert.Equal(EngineDefaults.LeaseDuration, Files.QueueSetting("visibilityTimeout", TimeSpan.Zero));

        // No slower to notice work than the embedded poller, and no more runs at once per instance than it allows.
        Assert.True(Files.QueueSetting("maxPollingInterval", TimeSpan.FromMinutes(1)) <= EngineDefaults.MaxPollInterval);
        Assert.True(Files.QueueSetting("batchSize", 16) + Files.QueueSetting("newBatchThreshold", 8) <= EngineDefaults.MaxConcurrentOrchestrations);
    }

    [Fact]
    public void CustomHandler_StartsTheExecutableThePackageShips_InTheAppRoot()
    {
        var description = Files.CustomHandler["description"]!;
        Assert.Equal(typeof(FunctionLayout).Assembly.GetName().Name, description["defaultExecutablePath"]!.GetValue<string>());
        Assert.Equal("", description["workingDirectory"]!.GetValue<string>());
        Assert.Empty(description["arguments"]!.AsArray());
    }

    [Fact]
    public void FunctionTimeout_LeavesTheInvocationBudgetAMarginForTheHandOver()
    {
        var root = new FunctionAppRoot("/", Files.FunctionTimeout, "q", "c");
        Assert.InRange(root.DefaultInvocationBudget, EngineDefaults.LeaseDuration, Files.FunctionTimeout - TimeSpan.FromSeconds(30));
        Assert.Equal(TimeSpan.FromMinutes(10), Files.FunctionTimeout); // Valid on every plan, Consumption included.
    }

    [Theory]
    [InlineData("00:10:00", "00:08:00")]
    [InlineData("00:01:00", "00:00:30")]
    [InlineData("02:00:00", "01:55:00")]
    public void DefaultInvocationBudget_IsTheTimeoutLessAFifth_BetweenHalfAMinuteAndFiveMinutes(string timeout, string budget) =>
        Assert.Equal(
            TimeSpan.Parse(budget, CultureInfo.InvariantCulture),
            new FunctionAppRoot("/", TimeSpan.Parse(timeout, CultureInfo.InvariantCulture), "q", "c").DefaultInvocationBudget);

    [Fact]
    public void AppRoot_AsThePackageLaysItOut_IsWhatTheHandlerReads()
    {
        using var appRoot = AppRoot.Create();
        var root = FunctionAppRoot.Load(appRoot.Path);
        Assert.Equal(Files.FunctionTimeout, root.FunctionTimeout);
        Assert.Equal(EngineDefaults.WorkQueueName, root.WorkQueueName);
        Assert.Equal(FunctionAppRoot.DefaultConnection, root.StorageConnection);
    }
}
