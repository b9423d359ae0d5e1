using System.Text.Json.Nodes;
using DurableMcp.Deployment.Tests.Infrastructure;

namespace DurableMcp.Deployment.Tests;

/// <summary>local.settings.sample.json runs the app with <c>func start</c> against Azurite, as a .NET isolated worker.</summary>
public sealed class LocalSettingsSampleTests
{
    private readonly JsonObject _sample = Repository.ReadJson("local.settings.sample.json");

    private JsonObject Values => _sample["Values"]?.AsObject() ?? throw new Xunit.Sdk.XunitException("The sample has no Values.");

    [Fact]
    public void LocalSettingsSample_WorkerRuntime_IsDotnetIsolated() =>
        Assert.Equal("dotnet-isolated", Values["FUNCTIONS_WORKER_RUNTIME"]?.GetValue<string>());

    [Fact]
    public void LocalSettingsSample_Storage_IsAzurite() =>
        Assert.Equal("UseDevelopmentStorage=true", Values["AzureWebJobsStorage"]?.GetValue<string>());

    [Fact]
    public void LocalSettingsSample_Environment_IsDevelopmentWithAnonymousIdentity()
    {
        Assert.Equal("Development", Values["ASPNETCORE_ENVIRONMENT"]?.GetValue<string>());
        Assert.Equal("Development", Values["AZURE_FUNCTIONS_ENVIRONMENT"]?.GetValue<string>());
        Assert.Equal("Anonymous", Values["Identity__Mode"]?.GetValue<string>());
    }

    [Fact]
    public void LocalSettingsSample_McpTasks_HasTtlPollIntervalAndSamples()
    {
        Assert.NotNull(Values["McpTasks__DefaultTtl"]);
        Assert.NotNull(Values["McpTasks__PollInterval"]);
        Assert.Equal("true", Values["Samples__Seed"]?.GetValue<string>());
    }

    [Fact]
    public void LocalSettingsSample_RetiredEngineSettings_AreAbsent() =>
        Assert.DoesNotContain(Values, v => v.Key.StartsWith("DurableEngine__", StringComparison.Ordinal));

    [Fact]
    public void LocalSettingsSample_HostPort_Is7071() => Assert.Equal(7071, _sample["Host"]?["LocalHttpPort"]?.GetValue<int>());
}
