using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using DurableMcp.Deployment.Tests.Infrastructure;

namespace DurableMcp.Deployment.Tests;

/// <summary>infra/bicep builds and lints with no diagnostic, and the compiled template says what the deployment promises.</summary>
public sealed partial class BicepTests(BicepTests.Compiled compiled) : IClassFixture<BicepTests.Compiled>
{
    // Built-in role definition ids.
    private const string StorageBlobDataOwner = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b";
    private const string StorageQueueDataContributor = "974c5e8b-45b9-4653-ba55-5f855dd0fb88";
    private const string StorageTableDataContributor = "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3";
    private const string MonitoringMetricsPublisher = "3913510d-42f4-4e42-8a64-420c390055eb";

    private static readonly string[] _storageRoles = [StorageBlobDataOwner, StorageQueueDataContributor, StorageTableDataContributor];

    // A storage connection string (AzureWebJobsStorage alone), and what Flex Consumption rejects: the runtime, its
    // version and the package come from functionAppConfig, not from settings.
    private static readonly string[] _forbiddenSettings =
    [
        "AzureWebJobsStorage", "FUNCTIONS_WORKER_RUNTIME", "FUNCTIONS_EXTENSION_VERSION", "WEBSITE_RUN_FROM_PACKAGE",
        "WEBSITE_CONTENTAZUREFILECONNECTIONSTRING", "WEBSITE_CONTENTSHARE",
    ];

    private static readonly string[] _outputs = ["functionAppName", "mcpEndpoint", "identityClientId", "storageAccountName", "taskHub", "appInsightsName"];

    // What a secret looks like in a setting or anywhere in the template.
    private static readonly string[] _secretMarkers = ["listKeys", "AccountKey=", "SharedAccessSignature", "DefaultEndpointsProtocol", "InstrumentationKey="];

    private ArmTemplate Template => compiled.Template;

    [Fact]
    public void MainBicep_Build_HasNoDiagnostics() => AssertClean(compiled.Build);

    [Fact]
    public void MainBicep_Lint_HasNoDiagnostics() => AssertClean(compiled.Lint);

    [Fact]
    public void DevParameters_BuildAndLint_HaveNoDiagnostics()
    {
        AssertClean(compiled.BuildParams);
        AssertClean(compiled.LintParams);
    }

    [Fact]
    public void FunctionApp_Runtime_IsDotnetIsolatedOnTheRepositorysDotnetVersion()
    {
        var runtime = Site()["properties"]!["functionAppConfig"]!["runtime"]!;
        Assert.Equal("dotnet-isolated", runtime["name"]!.GetValue<string>());
        Assert.Equal("10.0", runtime["version"]!.GetValue<string>());

        // The platform's version is the worker's .NET version: net10.0 builds run on "10.0".
        var targetFramework = XDocument.Load(Repository.PathOf("Directory.Build.props")).Descendants("TargetFramework").Single().Value;
        Assert.Equal(targetFramework, $"net{runtime["version"]!.GetValue<string>()}");
    }

    [Fact]
    public void FunctionApp_FlexConsumption_DeploysFromBlobWithItsIdentityOverHttpsOnly()
    {
        var plan = Assert.Single(Template.Resources("Microsoft.Web/serverfarms"));
        Assert.Equal("FlexConsumption", plan["sku"]!["tier"]!.GetValue<string>());

        var site = Site();
        Assert.True(site["properties"]!["httpsOnly"]!.GetValue<bool>());
        var storage = site["properties"]!["functionAppConfig"]!["deployment"]!["storage"]!;
        Assert.Equal("blobContainer", storage["type"]!.GetValue<string>());
        Assert.Equal("UserAssignedIdentity", storage["authentication"]!["type"]!.GetValue<string>());

        var module = Template.ModuleHolding("Microsoft.Web/sites");
        Assert.Matches(IdentityOutput("id"), Text(module.ArgumentBehind(storage["authentication"]!["userAssignedIdentityResourceId"])));
        Assert.Matches(ModuleOutput("storage", "deploymentContainerUrl"), Text(module.ArgumentBehind(storage["value"])));
    }

    [Fact]
    public void FunctionApp_Scale_KeepsTheDurableGroupReady_AndTakesMemoryAndInstancesFromParameters()
    {
        var scale = Site()["properties"]!["functionAppConfig"]!["scaleAndConcurrency"]!;
        var durable = Assert.Single(scale["alwaysReady"]!.AsArray().OfType<JsonObject>(), g => g["name"]!.GetValue<string>() == "durable");

        Assert.Equal("durableAlwaysReadyInstanceCount", MainParameterBehind(durable["instanceCount"]));
        Assert.Equal(1, Template.Parameters["durableAlwaysReadyInstanceCount"]!["defaultValue"]!.GetValue<int>());
        Assert.Equal("instanceMemoryMB", MainParameterBehind(scale["instanceMemoryMB"]));
        Assert.Equal("maximumInstanceCount", MainParameterBehind(scale["maximumInstanceCount"]));
    }

    [Fact]
    public void StorageAccount_Security_HasNoSharedKeyNoPublicBlobsAndTlsOneTwo()
    {
        var properties = Assert.Single(Template.Resources("Microsoft.Storage/storageAccounts"))["properties"]!;
        Assert.False(properties["allowSharedKeyAccess"]!.GetValue<bool>());
        Assert.False(properties["allowBlobPublicAccess"]!.GetValue<bool>());
        Assert.Equal("TLS1_2", properties["minimumTlsVersion"]!.GetValue<string>());
        Assert.True(properties["supportsHttpsTrafficOnly"]!.GetValue<bool>());
    }

    [Fact]
    public void StorageAccount_TaskHub_IsLeftToDurableFunctions_OnlyTheDeploymentContainerIsCreated()
    {
        // Durable Functions creates its task hub's queues, tables and containers; the retired engine's are gone.
        Assert.Empty(Template.Resources("Microsoft.Storage/storageAccounts/queueServices/queues"));
        Assert.Empty(Template.Resources("Microsoft.Storage/storageAccounts/tableServices/tables"));
        var container = Assert.Single(Template.Resources("Microsoft.Storage/storageAccounts/blobServices/containers"));
        Assert.Contains("deploymentContainerName", container["name"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Identity_Roles_AreBlobOwnerQueueAndTableContributorOnStorage_AndMetricsPublisherOnAppInsights()
    {
        Assert.Single(Template.Resources("Microsoft.ManagedIdentity/userAssignedIdentities"));
        var granted = Template.Modules()
            .SelectMany(m => m.Resources("Microsoft.Authorization/roleAssignments").Select(a => (Module: m, Assignment: a)))
            .Select(x => (
                Roles: Guids(x.Module.WithVariablesInlined(x.Assignment["properties"]!["roleDefinitionId"]!.GetValue<string>())),
                Scope: x.Assignment["scope"]!.GetValue<string>(),
                Principal: Text(x.Module.ArgumentBehind(x.Assignment["properties"]!["principalId"]))))
            .ToList();

        Assert.All(granted, g => Assert.Matches(IdentityOutput("principalId"), g.Principal));
        var onStorage = granted.Where(g => g.Scope.Contains("'Microsoft.Storage/storageAccounts'", StringComparison.Ordinal)).SelectMany(g => g.Roles).ToHashSet();
        var onInsights = granted.Where(g => g.Scope.Contains("'Microsoft.Insights/components'", StringComparison.Ordinal)).SelectMany(g => g.Roles).ToHashSet();
        Assert.Equal(_storageRoles.Order(StringComparer.Ordinal), onStorage.Order(StringComparer.Ordinal));
        Assert.Equal(MonitoringMetricsPublisher, Assert.Single(onInsights));
    }

    [Fact]
    public void AppSettings_Storage_IsIdentityBasedWithTheAppsUserAssignedIdentity()
    {
        var settings = AppSettings();
        Assert.Matches(ModuleOutput("storage", "name"), Text(settings["AzureWebJobsStorage__accountName"]));
        Assert.Equal("managedidentity", Text(settings["AzureWebJobsStorage__credential"]));
        Assert.Matches(IdentityOutput("clientId"), Text(settings["AzureWebJobsStorage__clientId"]));
    }

    [Fact]
    public void AppSettings_Secrets_NoSettingHoldsAKeyOrAStorageConnectionString()
    {
        var settings = AppSettings();
        Assert.All(_forbiddenSettings, name => Assert.False(settings.ContainsKey(name), $"{name} is set."));
        Assert.All(settings, s => Assert.DoesNotContain(_secretMarkers, marker => Text(s.Value).Contains(marker, StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(_secretMarkers, marker => compiled.Build.Output.Contains(marker, StringComparison.OrdinalIgnoreCase));

        // The one connection string locates Application Insights; with local authentication off, only the identity ingests.
        Assert.Equal("APPLICATIONINSIGHTS_CONNECTION_STRING", Assert.Single(settings.Select(s => s.Key), k => k.Contains("CONNECTION", StringComparison.OrdinalIgnoreCase)));
        Assert.True(Assert.Single(Template.Resources("Microsoft.Insights/components"))["properties"]!["DisableLocalAuth"]!.GetValue<bool>());
        var authentication = Text(settings["APPLICATIONINSIGHTS_AUTHENTICATION_STRING"]);
        Assert.Contains("Authorization=AAD", authentication, StringComparison.Ordinal);
        Assert.Matches(IdentityOutput("clientId"), authentication);
    }

    [Fact]
    public void AppSettings_Identity_AcceptsJwtForTheConfiguredAuthorityAndAudience()
    {
        var settings = AppSettings();
        Assert.Equal("Jwt", Text(settings["Identity__Mode"]));
        Assert.Equal("identityAuthority", ArmTemplate.ParameterName(settings["Identity__Authority"]));
        Assert.Equal("identityAudience", ArmTemplate.ParameterName(settings["Identity__Audience"]));
    }

    [Fact]
    public void Template_HostJson_IsTheRepositorysOwn_AndGivesTheMcpPathAndTaskHub()
    {
        // bicep inlines a loaded file as a variable: it must be today's host.json, not a stale copy.
        var inlined = Template.Variables.Select(v => v.Value).OfType<JsonObject>().Single(v => v["extensions"] is not null);
        Assert.True(JsonNode.DeepEquals(Repository.ReadJson("host.json"), inlined), "The template's host.json differs from the repository's.");

        Assert.Equal("mcp", Template.Variables["mcpRoute"]!.GetValue<string>());
        var mcpPath = Template.Variables["mcpPath"]!.GetValue<string>();
        Assert.Contains(".extensions.http.routePrefix", mcpPath, StringComparison.Ordinal);
        Assert.Contains("variables('mcpRoute')", mcpPath, StringComparison.Ordinal);
        Assert.Contains(".extensions.durableTask.hubName", Template.Variables["taskHub"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Outputs_McpEndpoint_IsHttpsOnTheAppsHostAtTheMcpPath()
    {
        var endpoint = Template.Outputs["mcpEndpoint"]!["value"]!.GetValue<string>();
        Assert.StartsWith("[format('https://{0}/{1}', ", endpoint, StringComparison.Ordinal);
        Assert.Matches(ModuleOutput("functionApp", "defaultHostName"), endpoint);
        Assert.EndsWith(", variables('mcpPath'))]", endpoint, StringComparison.Ordinal);
        Assert.All(_outputs, name => Assert.True(Template.Outputs.ContainsKey(name), $"No output {name}."));
    }

    private JsonObject Site() => Assert.Single(Template.Resources("Microsoft.Web/sites"));

    /// <summary>The app settings as main.bicep passes them to the function app module (name to value or expression).</summary>
    private JsonObject AppSettings() => Template.ModuleHolding("Microsoft.Web/sites").Argument("appSettings")!.AsObject();

    /// <summary>The main.bicep parameter a site property is bound to, through the function app module's parameter.</summary>
    private string? MainParameterBehind(JsonNode? siteValue)
    {
        var name = ArmTemplate.ParameterName(Template.ModuleHolding("Microsoft.Web/sites").ArgumentBehind(siteValue));
        return name is not null && Template.Parameters.ContainsKey(name) ? name : null;
    }

    private static string Text(JsonNode? node) => node?.GetValue<string>() ?? string.Empty;

    private static HashSet<string> Guids(string text) => [.. GuidPattern().Matches(text).Select(m => m.Value)];

    /// <summary>An expression reading output <paramref name="output"/> of the module deployed as <paramref name="module"/>.</summary>
    private static Regex ModuleOutput(string module, string output) => new($@"reference\([^)]*'{module}'[^)]*\)(, '[^']+'\))?\.outputs\.{output}\.value", RegexOptions.IgnoreCase);

    private static Regex IdentityOutput(string output) => ModuleOutput("identity", output);

    private static void AssertClean(BicepCli.Result result)
    {
        Assert.True(result.ExitCode == 0, $"bicep exited {result.ExitCode}:{Environment.NewLine}{result.Diagnostics}");
        Assert.Empty(result.DiagnosticLines);
    }

    [GeneratedRegex("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")]
    private static partial Regex GuidPattern();

    /// <summary>The four Bicep runs, made once and concurrently for the class.</summary>
    public sealed class Compiled : IAsyncLifetime
    {
        internal BicepCli.Result Build { get; private set; } = null!;

        internal BicepCli.Result Lint { get; private set; } = null!;

        internal BicepCli.Result BuildParams { get; private set; } = null!;

        internal BicepCli.Result LintParams { get; private set; } = null!;

        internal ArmTemplate Template { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var runs = await Task.WhenAll(
                BicepCli.RunAsync("build", "main.bicep", "--stdout"),
                BicepCli.RunAsync("lint", "main.bicep"),
                BicepCli.RunAsync("build-params", "main.dev.bicepparam", "--stdout"),
                BicepCli.RunAsync("lint", "main.dev.bicepparam"));
            (Build, Lint, BuildParams, LintParams) = (runs[0], runs[1], runs[2], runs[3]);
            Template = new ArmTemplate(JsonNode.Parse(Build.Output) as JsonObject ?? throw new InvalidOperationException($"bicep build produced no template:{Environment.NewLine}{Build.Diagnostics}"));
        }

        public Task DisposeAsync() => Task.CompletedTask;
    }
}
