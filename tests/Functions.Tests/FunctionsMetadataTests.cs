using System.Text.Json.Nodes;
using DurableMcp.Conformance;
using DurableMcp.FunctionApp.Mcp;
using DurableMcp.Tasks.Tools;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableMcp.Functions.Tests;

/// <summary>The build output lists every function the host must index, with the trigger and bindings it needs.</summary>
public sealed class FunctionsMetadataTests
{
    [Fact]
    public void Mcp_IsAnonymousHttpTriggerAtRouteMcp_WithADurableClient()
    {
        var function = BuildOutput.Function("mcp");
        var trigger = function["bindings"]![0]!;

        Assert.Equal(["httpTrigger", "durableClient", "http"], BuildOutput.BindingTypes(function));
        Assert.Equal("mcp", trigger["route"]!.GetValue<string>());
        Assert.Equal("Anonymous", trigger["authLevel"]!.GetValue<string>(), ignoreCase: true);
        Assert.Equal(["get", "post", "delete"], trigger["methods"]!.AsArray().Select(m => m!.GetValue<string>().ToLowerInvariant()));
    }

    [Fact]
    public void ProtectedResourceMetadata_IsServedAtTheWellKnownRoute()
    {
        var trigger = BuildOutput.Function("oauth-protected-resource")["bindings"]![0]!;

        Assert.Equal("httpTrigger", trigger["type"]!.GetValue<string>());
        Assert.StartsWith(".well-known/oauth-protected-resource", trigger["route"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    /// <summary>The Function App indexes the conformance fixtures' triggers too; they run only while the fixtures are on.</summary>
    [Fact]
    public void EveryDurableTool_HasAnOrchestrationTriggerOfItsName_AndNothingElseDoes()
    {
        var catalog = Catalog(conformanceFixtures: true);
        var orchestrations = BuildOutput.FunctionsMetadata.OfType<JsonObject>()
            .Where(f => BuildOutput.BindingTypes(f).Contains("orchestrationTrigger"))
            .Select(f => f["name"]!.GetValue<string>());

        Assert.NotEmpty(catalog.Orchestrations);
        Assert.Equal(catalog.Orchestrations.Order(StringComparer.Ordinal), orchestrations.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryActivity_HasAnActivityTriggerOfItsTypeName_AndNothingElseDoes()
    {
        var catalog = Catalog(conformanceFixtures: true);
        var activities = BuildOutput.FunctionsMetadata.OfType<JsonObject>()
            .Where(f => BuildOutput.BindingTypes(f).Contains("activityTrigger"))
            .Select(f => f["name"]!.GetValue<string>());

        Assert.NotEmpty(catalog.Activities);
        Assert.Equal(catalog.Activities.Select(a => a.Name).Order(StringComparer.Ordinal), activities.Order(StringComparer.Ordinal));
    }

    /// <summary>An activity binds nothing but its trigger, except the one that reads other tasks: it needs the invocation's Durable client.</summary>
    [Fact]
    public void Activities_BindOnlyTheirTrigger_RenderReportSectionADurableClientToo()
    {
        var bindings = BuildOutput.FunctionsMetadata.OfType<JsonObject>()
            .Where(f => BuildOutput.BindingTypes(f).Contains("activityTrigger"))
            .ToDictionary(f => f["name"]!.GetValue<string>(), f => string.Join(",", BuildOutput.BindingTypes(f)), StringComparer.Ordinal);

        Assert.Equal("activityTrigger,durableClient", bindings["RenderReportSection"]);
        Assert.All(bindings.Where(b => b.Key != "RenderReportSection"), b => Assert.Equal("activityTrigger", b.Value));
    }

    [Fact]
    public void Janitor_IsATimerTriggerWithADurableClient()
    {
        var function = BuildOutput.Function("task-janitor");

        Assert.Equal(["timerTrigger", "durableClient"], BuildOutput.BindingTypes(function));
        Assert.Equal("0 */5 * * * *", function["bindings"]![0]!["schedule"]!.GetValue<string>());
    }

    [Fact]
    public void Output_CarriesTheDurableTaskExtension_HostJsonAndWorkerConfig()
    {
        var extensions = JsonNode.Parse(File.ReadAllText(Path.Combine(BuildOutput.Directory, "extensions.json")))!["extensions"]!.AsArray();
        var durable = extensions.Single(e => e!["name"]!.GetValue<string>() == "DurableTask")!;
        var hintPath = durable["hintPath"]!.GetValue<string>();

        Assert.Contains("Microsoft.Azure.WebJobs.Extensions.DurableTask", durable["typeName"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(BuildOutput.Directory, hintPath)), $"The extension assembly {hintPath} is not in the build output.");
        Assert.Equal(File.ReadAllText(Path.Combine(BuildOutput.RepositoryRoot, "host.json")), File.ReadAllText(Path.Combine(BuildOutput.Directory, "host.json")));
        var worker = JsonNode.Parse(File.ReadAllText(Path.Combine(BuildOutput.Directory, "worker.config.json")))!;
        Assert.Equal("FunctionApp.dll", worker["description"]!["defaultWorkerPath"]!.GetValue<string>());
    }

    [Fact]
    public void ConformanceFixtures_AreOffByDefault_OnlyTheirTriggersAreIdle()
    {
        var product = Catalog(conformanceFixtures: false);
        var all = Catalog(conformanceFixtures: true);

        Assert.Equal(
            ["confirm_delete", "failing_job", "multi_input", "protocol_error_job", "slow_compute", "test_tool_with_task"],
            all.Orchestrations.Except(product.Orchestrations).Order(StringComparer.Ordinal));
        Assert.Empty(product.Orchestrations.Except(all.Orchestrations));
        Assert.Equal(["RunFailingJob"], all.Activities.Except(product.Activities).Select(a => a.Name));
        Assert.Contains("run_steps", product.Orchestrations);
    }

    private static DurableToolCatalog Catalog(bool conformanceFixtures)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        var settings = conformanceFixtures ? new Dictionary<string, string?> { [ConformanceFixtures.EnabledSetting] = "true" } : [];
        services.AddDurableMcpServer(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider().GetRequiredService<DurableToolCatalog>();
    }
}
