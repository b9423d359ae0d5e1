using System.Text.Json.Nodes;
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

    [Fact]
    public void EveryDurableTool_HasAnOrchestrationTriggerOfItsName_AndNothingElseDoes()
    {
        var catalog = Catalog();
        var orchestrations = BuildOutput.FunctionsMetadata.OfType<JsonObject>()
            .Where(f => BuildOutput.BindingTypes(f).Contains("orchestrationTrigger"))
            .Select(f => f["name"]!.GetValue<string>());

        Assert.NotEmpty(catalog.Orchestrations);
        Assert.Equal(catalog.Orchestrations.Order(StringComparer.Ordinal), orchestrations.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void EveryActivity_HasAnActivityTriggerOfItsTypeName_AndNothingElseDoes()
    {
        var catalog = Catalog();
        var activities = BuildOutput.FunctionsMetadata.OfType<JsonObject>()
            .Where(f => BuildOutput.BindingTypes(f).SequenceEqual(["activityTrigger"]))
            .Select(f => f["name"]!.GetValue<string>());

        Assert.NotEmpty(catalog.Activities);
        Assert.Equal(catalog.Activities.Select(a => a.Name).Order(StringComparer.Ordinal), activities.Order(StringComparer.Ordinal));
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

    private static DurableToolCatalog Catalog()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDurableMcpServer(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider().GetRequiredService<DurableToolCatalog>();
    }
}
