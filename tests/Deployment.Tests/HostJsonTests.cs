using System.Globalization;
using System.Text.Json.Nodes;
using DurableMcp.Deployment.Tests.Infrastructure;

namespace DurableMcp.Deployment.Tests;

/// <summary>The repository's host.json is the host.json of a .NET isolated-worker app running Durable Functions on Azure Storage.</summary>
public sealed class HostJsonTests
{
    private readonly JsonObject _host = Repository.ReadJson("host.json");

    private JsonNode DurableTask => _host["extensions"]?["durableTask"] ?? throw new Xunit.Sdk.XunitException("host.json has no extensions.durableTask.");

    private JsonNode StorageProvider => DurableTask["storageProvider"] ?? throw new Xunit.Sdk.XunitException("host.json has no durableTask.storageProvider.");

    [Fact]
    public void HostJson_Version_IsTwo() => Assert.Equal("2.0", _host["version"]?.GetValue<string>());

    [Fact]
    public void HostJson_CustomHandler_IsAbsent() => Assert.False(_host.ContainsKey("customHandler"));

    [Fact]
    public void HostJson_ExtensionBundle_IsAbsent()
    {
        // An isolated worker brings its extensions with its build; a bundle would load a second set into the host.
        Assert.False(_host.ContainsKey("extensionBundle"));
    }

    [Fact]
    public void HostJson_QueuesExtension_IsAbsent()
    {
        // The retired engine's queue trigger tuning; Durable Functions polls its own queues (storageProvider settings).
        Assert.Null(_host["extensions"]?["queues"]);
    }

    [Fact]
    public void HostJson_RoutePrefix_IsEmpty()
    {
        // The MCP endpoint is served at /mcp, not /api/mcp.
        Assert.Equal(string.Empty, _host["extensions"]?["http"]?["routePrefix"]?.GetValue<string>());
    }

    [Fact]
    public void HostJson_FunctionTimeout_IsAFiniteDurationOfMinutes()
    {
        var timeout = TimeSpan.Parse(_host["functionTimeout"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(timeout, TimeSpan.FromMinutes(5), TimeSpan.FromHours(2));
    }

    [Fact]
    public void HostJson_DurableTask_HubIsMcptasks() => Assert.Equal("mcptasks", DurableTask["hubName"]?.GetValue<string>());

    [Fact]
    public void HostJson_StorageProvider_IsAzureStorage() => Assert.Equal("AzureStorage", StorageProvider["type"]?.GetValue<string>());

    [Fact]
    public void HostJson_StorageProvider_UsesTheIdentityBasedAzureWebJobsStorageConnection()
    {
        // The deployment configures one identity-based connection, AzureWebJobsStorage__*; the provider's default.
        Assert.Equal("AzureWebJobsStorage", StorageProvider["connectionName"]?.GetValue<string>() ?? "AzureWebJobsStorage");
        Assert.Null(StorageProvider["connectionStringName"]);
    }

    [Fact]
    public void HostJson_MaxQueuePollingInterval_IsAtMostTenSecondsForFlexConsumption()
    {
        var interval = TimeSpan.Parse(StorageProvider["maxQueuePollingInterval"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        Assert.InRange(interval, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void HostJson_PartitionCount_IsFour() => Assert.Equal(4, StorageProvider["partitionCount"]?.GetValue<int>());

    [Fact]
    public void HostJson_Concurrency_IsSetForActivitiesAndOrchestrators()
    {
        // Explicit, so the per-instance limits (and the durable group's target-based scaling) don't depend on the
        // processor count an instance reports.
        Assert.InRange(DurableTask["maxConcurrentActivityFunctions"]!.GetValue<int>(), 1, 100);
        Assert.InRange(DurableTask["maxConcurrentOrchestratorFunctions"]!.GetValue<int>(), 1, 100);
    }
}
